import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPushGate, PATCH_BURST_MAX, PATCH_REFILL_MS } from './push-gate';

/** Pushes as soon as allowed for events arriving at `arrivals`; returns the push times. */
function simulate(arrivals: number[]): number[] {
	const gate = createPushGate();
	const pushes: number[] = [];
	for (const a of arrivals) {
		// A change waiting for the gate is pushed the moment it opens: the clock never runs back.
		const ready = Math.max(a, pushes[pushes.length - 1] ?? -Infinity);
		const t = ready + gate.wait(ready);
		gate.record(t);
		pushes.push(t);
	}
	return pushes;
}

const countInWindows = (pushes: number[]) =>
	Math.max(...pushes.map((p) => pushes.filter((q) => q >= p && q < p + 1000).length));

describe('push gate', () => {
	it('lets the first push go at once', () => {
		expect(createPushGate().wait(12345)).toBe(0);
	});

	it('clears itself when the clock steps back', () => {
		const gate = createPushGate();
		gate.record(10_000);
		gate.record(10_000);
		expect(gate.wait(10_050)).toBe(50);
		expect(gate.wait(9_000)).toBe(0);
		expect(gate.wait(9_001)).toBe(0);
	});

	it('sends an event right after a time-driven push at once (calm traffic is not spaced)', () => {
		// The once-a-second tick pushed at 1000; an event at 1003 goes out at 1003, the next at 2400.
		expect(simulate([0, 1000, 1003, 2000, 2400])).toEqual([0, 1000, 1003, 2000, 2400]);
	});

	it('lets two pushes go back to back, then paces a burst 100 ms apart', () => {
		expect(simulate([0, 10, 20, 30])).toEqual([0, 10, 100, 200]);
	});

	it('never allows more than 10 pushes in any second; after a burst the next waits ≤ 200 ms', () => {
		const pushes = simulate(Array.from({ length: 30 }, () => 0));
		expect(pushes.slice(0, 12)).toEqual([0, 0, 100, 200, 300, 400, 500, 600, 700, 800, 1000, 1000]);
		expect(countInWindows(pushes)).toBe(10);
		const gaps = pushes.slice(1).map((p, i) => p - pushes[i]!);
		expect(Math.max(...gaps)).toBe(200);
	});

	it('follows a source at exactly 10 a second without drifting', () => {
		const arrivals = Array.from({ length: 100 }, (_, i) => i * 100 + 3);
		const pushes = simulate(arrivals);
		expect(pushes.map((p, i) => p - arrivals[i]!)).toEqual(arrivals.map(() => 0));
		expect(countInWindows(pushes)).toBe(10);
	});

	it('holds the window and the bucket whatever the arrivals (property)', () => {
		const gaps = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 150 });
		fc.assert(
			fc.property(gaps, (gaps) => {
				let t = 0;
				const arrivals = gaps.map((g) => (t += g));
				const pushes = simulate(arrivals);
				expect(countInWindows(pushes)).toBeLessThanOrEqual(10);
				// Any span of d ms holds at most PATCH_BURST_MAX + d / 100 pushes.
				for (let i = 0; i < pushes.length; i++) {
					for (let j = i + PATCH_BURST_MAX; j < pushes.length; j++) {
						const span = pushes[j]! - pushes[i]!;
						expect(j - i + 1).toBeLessThanOrEqual(PATCH_BURST_MAX + span / PATCH_REFILL_MS);
					}
				}
				// A push waits only when the bucket or the window makes it: never one arrival
				// more than 1000 ms late.
				pushes.forEach((p, k) => expect(p - arrivals[k]!).toBeLessThanOrEqual(1000));
			})
		);
	});
});
