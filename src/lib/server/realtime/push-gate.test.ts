import { describe, expect, it } from 'vitest';
import { createPushGate, PATCH_MIN_GAP_MS } from './push-gate';

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
		expect(gate.wait(10_050)).toBe(48);
		expect(gate.wait(9_000)).toBe(0);
	});

	it('keeps 98 ms between pushes', () => {
		expect(simulate([0, 10, 20])).toEqual([0, 98, 196]);
	});

	it('never allows more than 10 pushes in any second; the 11th of a burst waits ≤ 118 ms', () => {
		const pushes = simulate(Array.from({ length: 30 }, () => 0));
		expect(pushes.slice(0, 11)).toEqual([0, 98, 196, 294, 392, 490, 588, 686, 784, 882, 1000]);
		expect(countInWindows(pushes)).toBe(10);
		expect(pushes[10]! - pushes[9]!).toBe(118);
	});

	it('follows a source at exactly 10 a second without drifting', () => {
		const arrivals = Array.from({ length: 100 }, (_, i) => i * 100 + 3);
		const pushes = simulate(arrivals);
		expect(pushes.map((p, i) => p - arrivals[i]!)).toEqual(arrivals.map(() => 0));
		expect(countInWindows(pushes)).toBe(10);
	});

	it('holds the window whatever the arrivals (property over a few patterns)', () => {
		for (const step of [1, 7, 33, 89, PATCH_MIN_GAP_MS, 95, 101]) {
			const pushes = simulate(Array.from({ length: 200 }, (_, i) => i * step));
			expect(countInWindows(pushes)).toBeLessThanOrEqual(10);
			for (let i = 1; i < pushes.length; i++) {
				expect(pushes[i]! - pushes[i - 1]!).toBeGreaterThanOrEqual(PATCH_MIN_GAP_MS);
			}
		}
	});
});
