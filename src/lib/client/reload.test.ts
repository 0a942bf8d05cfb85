import { afterEach, describe, expect, it } from 'vitest';
import {
	RELOAD_MIN_INTERVAL_MS,
	reloadDelay,
	reloadOntoNewBuild,
	resetReloadForTests
} from './reload';

const T = Date.parse('2026-11-28T08:00:00Z');

describe('reloadDelay', () => {
	it.each([
		[null, T, 0], // never reloaded by itself
		[T - 60_000, T, 0],
		[T - 3_600_000, T, 0],
		[T - 59_000, T, 1_000], // refused again right after a reload: wait out the minute
		[T - 1, T, 59_999],
		[T, T, 60_000],
		[T + 5_000, T, 0], // clock stepped back: the stored time means nothing
		[Number.NaN, T, 0]
	])('last reload %s, now %i → %i ms', (last, now, expected) => {
		expect(reloadDelay(last, now)).toBe(expected);
	});

	it('is the minute', () => {
		expect(RELOAD_MIN_INTERVAL_MS).toBe(60_000);
	});
});

describe('reloadOntoNewBuild', () => {
	afterEach(() => resetReloadForTests());

	const fakeEnv = (stored: string | null, now: number) => {
		const store = new Map<string, string>();
		if (stored !== null) store.set('hotline-wallboard.reloadedAt', stored);
		const timers: Array<{ fn: () => void; ms: number }> = [];
		let reloads = 0;
		return {
			env: {
				storage: {
					getItem: (k: string) => store.get(k) ?? null,
					setItem: (k: string, v: string) => void store.set(k, v)
				},
				now: () => now,
				reload: () => void reloads++,
				setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms })
			},
			store,
			timers,
			reloads: () => reloads
		};
	};

	it('reloads at once the first time and remembers when', () => {
		const f = fakeEnv(null, T);
		expect(reloadOntoNewBuild(f.env)).toBe(0);
		expect(f.timers.map((t) => t.ms)).toEqual([0]);
		expect(f.reloads()).toBe(0);
		f.timers[0]!.fn();
		expect(f.reloads()).toBe(1);
		expect(f.store.get('hotline-wallboard.reloadedAt')).toBe(String(T));
	});

	it('waits out the minute after a reload 10 s ago, then reloads once', () => {
		const f = fakeEnv(String(T - 10_000), T);
		expect(reloadOntoNewBuild(f.env)).toBe(50_000);
		// A second trigger (the build check and the socket both) schedules nothing more.
		expect(reloadOntoNewBuild(f.env)).toBe(-1);
		expect(f.timers.map((t) => t.ms)).toEqual([50_000]);
		f.timers[0]!.fn();
		expect(f.reloads()).toBe(1);
	});

	it('reloads without storage (disabled in a kiosk)', () => {
		const f = fakeEnv(null, T);
		expect(reloadOntoNewBuild({ ...f.env, storage: null })).toBe(0);
		f.timers[0]!.fn();
		expect(f.reloads()).toBe(1);
	});
});
