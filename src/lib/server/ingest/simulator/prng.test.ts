import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	createRng,
	exponential,
	hashSeed,
	integer,
	lognormal,
	nextPoissonArrival,
	pick,
	uniform,
	weightedPicker
} from './prng';

const draw = (seed: number, n: number) => {
	const rng = createRng(seed);
	return Array.from({ length: n }, () => rng());
};

describe('createRng', () => {
	it('repeats the same sequence for the same seed and differs for another', () => {
		expect(draw(42, 100)).toEqual(draw(42, 100));
		expect(draw(42, 100)).not.toEqual(draw(43, 100));
	});

	it('stays in [0, 1) for any seed', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (seed) => {
				for (const x of draw(seed, 50)) expect(x >= 0 && x < 1).toBe(true);
			})
		);
	});

	it('is roughly uniform: 10 buckets of 100 000 draws each within 2% of 10%', () => {
		const buckets = new Array<number>(10).fill(0);
		const rng = createRng(7);
		for (let i = 0; i < 100_000; i++) {
			const b = Math.floor(rng() * 10);
			buckets[b] = (buckets[b] ?? 0) + 1;
		}
		for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(200);
	});

	it('rejects a non-finite seed, naming it', () => {
		expect(() => createRng(Number.NaN)).toThrow(/NaN/);
	});
});

describe('hashSeed', () => {
	it('separates seeds and days, including the high bits of epoch milliseconds', () => {
		const day = Date.UTC(2025, 0, 14, 16);
		const seen = new Set([
			hashSeed(1, day),
			hashSeed(2, day),
			hashSeed(1, day + 86_400_000),
			hashSeed(1, day + 2 ** 32),
			hashSeed(1)
		]);
		expect(seen.size).toBe(5);
	});
});

describe('distributions', () => {
	const rng = createRng(3);
	const n = 50_000;

	it('uniform and integer stay within their bounds', () => {
		for (let i = 0; i < 1000; i++) {
			const u = uniform(rng, 5, 7);
			expect(u >= 5 && u < 7).toBe(true);
			const k = integer(rng, 1, 3);
			expect([1, 2, 3]).toContain(k);
		}
	});

	it('exponential has the requested mean', () => {
		let sum = 0;
		for (let i = 0; i < n; i++) sum += exponential(rng, 240);
		expect(sum / n).toBeGreaterThan(234);
		expect(sum / n).toBeLessThan(246);
	});

	it('lognormal has the requested median', () => {
		const xs = Array.from({ length: n }, () => lognormal(rng, 114, 1.22)).sort((a, b) => a - b);
		const median = xs[n / 2] as number;
		expect(median).toBeGreaterThan(110);
		expect(median).toBeLessThan(118);
	});

	it('weightedPicker follows the weights and rejects bad ones', () => {
		const pickShare = weightedPicker(['a', 'b', 'c'], (x) => ({ a: 70, b: 25, c: 5 })[x] ?? 0);
		const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
		for (let i = 0; i < n; i++) counts[pickShare(rng)]! += 1;
		expect((counts.a ?? 0) / n).toBeCloseTo(0.7, 1);
		expect((counts.c ?? 0) / n).toBeCloseTo(0.05, 1);
		expect(() => weightedPicker(['a'], () => -1)).toThrow(/-1/);
		expect(() => weightedPicker([], () => 1)).toThrow(/empty/);
		expect(() => pick(rng, [])).toThrow(/empty/);
	});

	it('nextPoissonArrival by thinning gives the integral of the rate', () => {
		// rate rises linearly from 0 to 2 per unit over [0, 1000]: 1000 arrivals expected.
		const rate = (t: number) => (2 * t) / 1000;
		let count = 0;
		let firstHalf = 0;
		for (let t = nextPoissonArrival(rng, 0, 1000, rate, 2); t < Infinity;) {
			count++;
			if (t < 500) firstHalf++;
			t = nextPoissonArrival(rng, t, 1000, rate, 2);
		}
		expect(count).toBeGreaterThan(900);
		expect(count).toBeLessThan(1100);
		expect(firstHalf / count).toBeCloseTo(0.25, 1);
		expect(nextPoissonArrival(rng, 0, 10, () => 0, 0)).toBe(Infinity);
	});
});
