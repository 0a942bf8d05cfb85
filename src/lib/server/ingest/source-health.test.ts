/**
 * Source health: the rolling rate, quiet and stale worked out by hand on a fixed clock, and the
 * registry's stale-change notifications.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createSourceHealth,
	eventsPerMinute,
	newEntry,
	reportTo,
	staleList,
	staleOf,
	viewOf
} from './source-health';

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0); // a whole second
const STALE_MS = 120_000;

describe('reportTo / eventsPerMinute', () => {
	it('sums the events of the seconds (now − 60 s, now]', () => {
		const e = newEntry({ kind: 'http', name: 'hall-a' }, T0);
		reportTo(e, { events: 3 }, T0); // second 0
		reportTo(e, { events: 2 }, T0 + 400); // second 0 again
		reportTo(e, { events: 5 }, T0 + 30_000); // second 30
		reportTo(e, { events: 0 }, T0 + 31_000); // nothing: not a bucket, not an event
		expect(e.recent).toEqual([
			[T0 / 1000, 5],
			[T0 / 1000 + 30, 5]
		]);
		expect(e.lastEventAt).toBe(T0 + 30_000);
		expect(eventsPerMinute(e, T0 + 30_000)).toBe(10);
		// At second 60 the events of second 0 are out of the window: 5 left.
		expect(eventsPerMinute(e, T0 + 60_000)).toBe(5);
		expect(eventsPerMinute(e, T0 + 59_999)).toBe(10);
		expect(eventsPerMinute(e, T0 + 90_000)).toBe(0);
		// A later report drops buckets older than the window.
		reportTo(e, { events: 1 }, T0 + 95_000);
		expect(e.recent).toEqual([[T0 / 1000 + 95, 1]]);
	});

	it('keeps an error with its time without changing the state; null clears it', () => {
		const e = newEntry({ kind: 'freeswitch-esl', name: 'fs', state: 'connected' }, T0);
		reportTo(e, { error: new Error('ECONNRESET') }, T0 + 5);
		expect([e.state, e.lastError, e.lastErrorAt]).toEqual(['connected', 'ECONNRESET', T0 + 5]);
		reportTo(e, { state: 'error', error: 'auth: -ERR invalid' }, T0 + 9);
		expect([e.state, e.stateSince, e.lastError]).toEqual(['error', T0 + 9, 'auth: -ERR invalid']);
		reportTo(e, { error: null }, T0 + 10);
		expect([e.lastError, e.lastErrorAt]).toEqual([null, null]);
		reportTo(e, { error: 'x'.repeat(400) }, T0 + 11);
		expect(e.lastError).toHaveLength(298);
	});
});

describe('staleOf / viewOf', () => {
	it('a source never seen is not stale, however long it waits', () => {
		const e = newEntry({ kind: 'queue-log-file', name: 'queue_log', state: 'waiting' }, T0);
		expect(staleOf(e, T0 + 10 * STALE_MS, STALE_MS)).toBeNull();
	});

	it('seen, then nothing for more than the threshold: stale since the last sign of life', () => {
		const e = newEntry({ kind: 'freeswitch-esl', name: 'fs', state: 'connected' }, T0);
		reportTo(e, { events: 1 }, T0);
		reportTo(e, { alive: true }, T0 + 20_000); // a heartbeat keeps it alive
		expect(staleOf(e, T0 + 20_000 + STALE_MS, STALE_MS)).toBeNull();
		expect(staleOf(e, T0 + 20_001 + STALE_MS, STALE_MS)).toBe(T0 + 20_000);
		const view = viewOf('esl', e, T0 + 20_001 + STALE_MS, STALE_MS);
		expect(view).toEqual({
			key: 'esl',
			kind: 'freeswitch-esl',
			name: 'fs',
			state: 'quiet',
			lastEventAt: T0,
			eventsPerMinute: 0,
			lastError: null,
			lastErrorAt: null,
			staleSince: T0 + 20_000
		});
	});

	it('in error for more than the threshold: stale, since the earlier of last seen and the error', () => {
		const e = newEntry({ kind: 'freeswitch-esl', name: 'fs' }, T0);
		reportTo(e, { state: 'error', error: 'auth failed' }, T0 + 1000);
		expect(staleOf(e, T0 + 1000 + STALE_MS, STALE_MS)).toBeNull();
		expect(staleOf(e, T0 + 1001 + STALE_MS, STALE_MS)).toBe(T0 + 1000);
		// An error view keeps its state name (not quiet).
		expect(viewOf('k', e, T0 + 1001 + STALE_MS, STALE_MS).state).toBe('error');
		const f = newEntry({ kind: 'freeswitch-esl', name: 'fs', state: 'connected' }, T0);
		reportTo(f, { events: 2 }, T0);
		reportTo(f, { state: 'error' }, T0 + 50_000);
		expect(staleOf(f, T0 + 50_001 + STALE_MS, STALE_MS)).toBe(T0);
	});

	it('staleList: names, kinds and ISO times of the stale ones, by name', () => {
		const views = [
			{ name: 'b', kind: 'http', staleSince: T0 },
			{ name: 'c', kind: 'http', staleSince: null },
			{ name: 'a', kind: 'queue-log-file', staleSince: T0 + 1000 }
		].map((v) => ({
			...v,
			key: v.name,
			state: 'quiet' as const,
			lastEventAt: null,
			eventsPerMinute: 0,
			lastError: null,
			lastErrorAt: null
		})) as Parameters<typeof staleList>[0];
		expect(staleList(views)).toEqual([
			{ name: 'a', kind: 'queue-log-file', since: '2026-01-05T02:00:01.000Z' },
			{ name: 'b', kind: 'http', since: '2026-01-05T02:00:00.000Z' }
		]);
	});
});

describe('createSourceHealth', () => {
	afterEach(() => vi.useRealTimers());

	it('notifies when a source goes stale (timer) and when it recovers (at once)', () => {
		vi.useFakeTimers();
		let t = T0;
		const health = createSourceHealth({ now: () => t, staleMs: 3000 });
		const changes: unknown[] = [];
		health.onStaleChange((s) => changes.push(s));
		const hall = health.source('http:1', { kind: 'http', name: 'hall-a', state: 'connected' });
		health.report('unknown', { events: 1 }); // ignored
		hall.report({ events: 4 });
		expect(health.list().map((v) => [v.name, v.state, v.eventsPerMinute])).toEqual([
			['hall-a', 'connected', 4]
		]);
		t += 3000;
		vi.advanceTimersByTime(1000);
		expect(changes).toEqual([]);
		t += 1;
		vi.advanceTimersByTime(1000);
		expect(changes).toEqual([
			[{ name: 'hall-a', kind: 'http', since: '2026-01-05T02:00:00.000Z' }]
		]);
		expect(health.list()[0]!.state).toBe('quiet');
		vi.advanceTimersByTime(5000); // no change, no repeat
		expect(changes).toHaveLength(1);
		hall.report({ events: 1 });
		expect(changes).toEqual([[{ name: 'hall-a', kind: 'http', since: expect.any(String) }], []]);
		health.close();
	});
});
