/**
 * Surge detection: Poisson tails a reader can check by hand, tails checked against Python's
 * decimal module at 80 digits (1 − Σ_{j<k} e^−λ·λʲ/j! and the upper sum Σ_{j>=k}, which agree to
 * 10⁻⁴⁰), the rule's edges, and monotonicity properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	EXPECTED_FLOOR,
	SURGE_MIN_COUNT,
	SURGE_P_THRESHOLD,
	detectSurge,
	expectedCount,
	poissonUpperTail
} from './surge';

/** Relative closeness for probabilities that span hundreds of orders of magnitude. */
function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
	expect(Math.abs(actual - expected) / expected).toBeLessThan(tolerance);
}

describe('poissonUpperTail by hand', () => {
	it.each([
		// k, λ, P(X >= k), worked out
		[0, 3, 1], // every count is >= 0
		[1, 0.5, 1 - Math.exp(-0.5)], // 1 − P(0)
		[2, 1, 1 - 2 * Math.exp(-1)], // 1 − e⁻¹(1 + 1)
		[3, 1, 1 - Math.exp(-1) * (1 + 1 + 1 / 2)], // 0.0803013970713942
		[3, 2, 1 - Math.exp(-2) * (1 + 2 + 2)] // 1 − 5e⁻²
	])('P(X >= %i | λ = %f) = %f', (k, lambda, expected) => {
		expect(poissonUpperTail(k, lambda)).toBeCloseTo(expected, 15);
	});

	it('P(X >= 3 | 1) = 0.0803013970713942 (decimal, 80 digits)', () => {
		expectRelative(poissonUpperTail(3, 1), 8.03013970713941927e-2);
	});

	it('no expected tickets: any ticket at all has probability 0', () => {
		expect(poissonUpperTail(1, 0)).toBe(0);
		expect(poissonUpperTail(0, 0)).toBe(1);
	});
});

describe('poissonUpperTail against 80-digit decimals', () => {
	it.each([
		[23, 6, 1.00539009226120637e-7],
		[5, 0.5, 1.72115629955840775e-4],
		[4, 0.5, 1.75162255629082372e-3],
		[10, 2.5, 2.77352094620836038e-4],
		[1, 2.5, 9.17915001376101158e-1],
		[6, 6, 5.54320358635388755e-1], // k = λ: the lower-sum branch
		[7, 6, 3.93697217587408721e-1], // k = λ + 1: the upper-sum branch
		[23, 22, 4.43624787260913644e-1],
		[900, 900, 5.04432719298882004e-1], // e^−900 alone would underflow
		[1000, 900, 5.4990226571178288e-4],
		[2000, 1500, 6.6014881156204819e-35],
		[100, 1, 3.98128081895685457e-159] // 1 − Σ would give 0 here
	])('P(X >= %i | λ = %f) = %e', (k, lambda, expected) => {
		expectRelative(poissonUpperTail(k, lambda), expected, 1e-10);
	});

	it('a small count against a huge mean is certain', () => {
		expect(poissonUpperTail(1, 1000)).toBe(1);
	});
});

describe('expectedCount', () => {
	it('is the mean of the baseline', () => {
		expect(expectedCount([5, 7, 6, 6])).toBe(6);
		expect(expectedCount([1, 2])).toBe(1.5);
	});

	it('never drops below the floor of 0.5', () => {
		expect(EXPECTED_FLOOR).toBe(0.5);
		expect(expectedCount([])).toBe(0.5);
		expect(expectedCount([0, 0, 0, 0])).toBe(0.5);
		expect(expectedCount([0, 0, 0, 1])).toBe(0.5); // mean 0.25
		expect(expectedCount([0, 0, 1, 2])).toBe(0.75);
	});
});

describe('detectSurge', () => {
	it('the worked example: 朝阳区 供暖 23 件/时 against 5, 7, 6, 6 is a surge', () => {
		const r = detectSurge({ lastHour: 23, baseline: [5, 7, 6, 6] });
		expect(r.surge).toBe(true);
		expect(r.expected).toBe(6);
		expectRelative(r.pValue, 1.00539009226120637e-7, 1e-10);
	});

	it('the same 23 against a busy baseline (λ = 22) is not', () => {
		const r = detectSurge({ lastHour: 23, baseline: [20, 22, 25, 21] });
		expect(r).toMatchObject({ surge: false, expected: 22 });
		expectRelative(r.pValue, 4.43624787260913644e-1, 1e-10);
	});

	it('defaults: minCount 5, pThreshold 0.001', () => {
		expect(SURGE_MIN_COUNT).toBe(5);
		expect(SURGE_P_THRESHOLD).toBe(0.001);
	});

	it('an empty baseline does not make a single ticket a surge', () => {
		const r = detectSurge({ lastHour: 1, baseline: [] });
		expect(r.surge).toBe(false);
		expect(r.expected).toBe(0.5);
		expect(r.pValue).toBeCloseTo(1 - Math.exp(-0.5), 15);
	});

	it('below minCount is never a surge, however small p is', () => {
		// P(X >= 4 | 0.5) = 0.00175 > 0.001 anyway; with pThreshold 0.01 only minCount holds it back.
		const r = detectSurge({ lastHour: 4, baseline: [], pThreshold: 0.01 });
		expect(r.pValue).toBeLessThan(0.01);
		expect(r.surge).toBe(false);
		expect(detectSurge({ lastHour: 4, baseline: [], pThreshold: 0.01, minCount: 4 }).surge).toBe(
			true
		);
	});

	it('five tickets on a topic with no history at that hour is a surge (p = 0.000172)', () => {
		const r = detectSurge({ lastHour: 5, baseline: [0, 0, 0, 0] });
		expect(r.surge).toBe(true);
		expectRelative(r.pValue, 1.72115629955840775e-4, 1e-10);
	});

	it('p must be strictly below the threshold', () => {
		const p = poissonUpperTail(10, 2.5);
		expect(detectSurge({ lastHour: 10, baseline: [2, 3], pThreshold: p }).surge).toBe(false);
		expect(detectSurge({ lastHour: 10, baseline: [2, 3], pThreshold: p * 1.0001 }).surge).toBe(
			true
		);
	});

	it('no tickets: p = 1, no surge', () => {
		expect(detectSurge({ lastHour: 0, baseline: [3, 4] })).toEqual({
			surge: false,
			expected: 3.5,
			pValue: 1
		});
	});

	it.each([
		[{ lastHour: -1, baseline: [] }, /lastHour must be an integer >= 0, got -1/],
		[{ lastHour: 2.5, baseline: [] }, /lastHour .* got 2\.5/],
		[{ lastHour: 3, baseline: [1, Number.NaN] }, /baseline\[1\] .* got NaN/],
		[{ lastHour: 3, baseline: [-2] }, /baseline\[0\] .* got -2/],
		[{ lastHour: 3, baseline: [], minCount: -1 }, /minCount .* got -1/],
		[{ lastHour: 3, baseline: [], pThreshold: 0 }, /pThreshold must be in \(0, 1\], got 0/],
		[{ lastHour: 3, baseline: [], pThreshold: 5 }, /pThreshold .* got 5/]
	])('rejects %o', (input, message) => {
		expect(() => detectSurge(input)).toThrow(RangeError);
		expect(() => detectSurge(input)).toThrow(message);
	});
});

describe('properties', () => {
	const lambda = fc.double({ min: 0.01, max: 3000, noNaN: true });
	const k = fc.integer({ min: 0, max: 4000 });

	it('one more ticket in the last hour never raises p', () => {
		fc.assert(
			fc.property(k, lambda, (n, l) => {
				expect(poissonUpperTail(n + 1, l)).toBeLessThanOrEqual(poissonUpperTail(n, l));
			}),
			{ numRuns: 500 }
		);
	});

	it('a higher expectation never lowers p (beyond rounding)', () => {
		// Two means a few ulps apart near λ = 3000 move p by about 1e-12, which is the rounding of
		// k·ln λ − λ − ln k! at that size (about 24 000): equal within 1e-9 relative counts as equal.
		fc.assert(
			fc.property(k, lambda, lambda, (n, l1, l2) => {
				const [lo, hi] = l1 <= l2 ? [l1, l2] : [l2, l1];
				expect(poissonUpperTail(n, hi)).toBeGreaterThanOrEqual(
					poissonUpperTail(n, lo) * (1 - 1e-9)
				);
			}),
			{ numRuns: 500 }
		);
	});

	it('p is a probability and matches the plain sum where the plain sum is safe', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 30 }),
				fc.double({ min: 0.01, max: 20, noNaN: true }),
				(n, l) => {
					let term = Math.exp(-l);
					let lower = 0;
					for (let j = 0; j < n; j++) {
						lower += term;
						term *= l / (j + 1);
					}
					const p = poissonUpperTail(n, l);
					expect(p).toBeGreaterThanOrEqual(0);
					expect(p).toBeLessThanOrEqual(1);
					expect(p).toBeCloseTo(1 - lower, 12);
				}
			)
		);
	});

	it('a surge stays a surge with more tickets', () => {
		const baseline = fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 4 });
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 200 }), baseline, (n, b) => {
				if (detectSurge({ lastHour: n, baseline: b }).surge) {
					expect(detectSurge({ lastHour: n + 1, baseline: b }).surge).toBe(true);
				}
			})
		);
	});
});
