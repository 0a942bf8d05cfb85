/**
 * Erlang C: hand-worked values, the classic "360 calls per half hour, 4 minute calls" example,
 * the N = A boundary, a load of 500 Erlangs, and monotonicity properties.
 *
 * Where an expected value is not worked by hand it was computed independently, twice: with exact
 * rational arithmetic in Python (fractions.Fraction for C, decimal with 50 digits for exp), and
 * by `referenceC` below, the textbook direct sum evaluated exactly in BigInt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangC, offeredLoadErlangs, serviceLevel } from './erlang-c';

/**
 * C(N, A) for an integer load, straight from §7's formula multiplied through by N!·(N − A):
 * C = Aᴺ·N / ((N − A)·Σ_{k<N} Aᵏ·N!/k! + Aᴺ·N), all integers, divided at the end.
 */
function referenceC(agents: number, load: number): number {
	const n = BigInt(agents);
	const a = BigInt(load);
	let sum = 0n;
	let power = 1n; // Aᵏ
	const falling: bigint[] = new Array<bigint>(agents + 1); // N!/k!
	falling[agents] = 1n;
	for (let k = agents - 1; k >= 0; k--) falling[k] = (falling[k + 1] as bigint) * BigInt(k + 1);
	for (let k = 0; k < agents; k++) {
		sum += power * (falling[k] as bigint);
		power *= a;
	}
	const top = power * n;
	const scale = 10n ** 30n;
	return Number((top * scale) / ((n - a) * sum + top)) / 1e30;
}

function referenceServiceLevel(agents: number, load: number, t: number, h: number): number {
	return 1 - referenceC(agents, load) * Math.exp((-(agents - load) * t) / h);
}

describe('erlangC by hand', () => {
	it('one agent: P(wait) is the utilisation (M/M/1)', () => {
		expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 15);
		expect(erlangC(1, 0.25)).toBeCloseTo(0.25, 15);
	});

	it('two agents, one Erlang: terms 1, 1 and 1²/2!·2/(2−1) = 1, so C = 1/3', () => {
		expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
		// SL with T = h: 1 − (1/3)·e^(−(2−1)·1) = 1 − 1/(3e)
		expect(serviceLevel(2, 1, 180, 180)).toBeCloseTo(1 - 1 / (3 * Math.E), 15);
	});

	it('no load: nobody waits, everyone is answered at once', () => {
		expect(erlangC(1, 0)).toBe(0);
		expect(serviceLevel(3, 0, 0, 120)).toBe(1);
	});

	it('agrees with the exact direct sum for small integer loads', () => {
		for (const [n, a] of [
			[2, 1],
			[5, 3],
			[10, 9],
			[30, 20]
		] as const) {
			expect(erlangC(n, a)).toBeCloseTo(referenceC(n, a), 14);
		}
	});
});

describe('the classic example: 360 calls per half hour, AHT 240 s', () => {
	// The scenario of the widely reproduced "The Erlang-C Formula" walk-through (360 calls per
	// half hour, 4-minute calls, 55 agents, 15 s target). Values: Python Fractions/Decimal.
	const load = offeredLoadErlangs(360, 240);

	it('offers exactly 48 Erlangs (λ = 0.2 /s, h = 240 s)', () => {
		expect(load).toBe(48);
	});

	it('C(55, 48) = 0.238700936378009…', () => {
		expect(erlangC(55, 48)).toBeCloseTo(0.238700936378009, 13);
		expect(erlangC(55, 48)).toBeCloseTo(referenceC(55, 48), 14);
	});

	it.each([
		// N, T, SL (Python, 50 digits)
		[53, 20, 0.751768245174333],
		[54, 20, 0.817247521014684],
		[55, 20, 0.866796488172851],
		[56, 20, 0.903911814250286],
		[55, 15, 0.84588309217058]
	])('%i agents, target %i s: SL = %f', (n, t, expected) => {
		expect(serviceLevel(n, 48, t, 240)).toBeCloseTo(expected, 13);
		expect(serviceLevel(n, 48, t, 240)).toBeCloseTo(referenceServiceLevel(n, 48, t, 240), 13);
	});

	it.each([
		// goal, target, agents: the first N of the table above that reaches the goal
		[0.8, 20, 54], // 53 → 75.2 %, 54 → 81.7 %
		[0.85, 20, 55], // 54 → 81.7 %, 55 → 86.7 %
		[0.9, 20, 56], // 55 → 86.7 %, 56 → 90.4 %
		[0.8, 15, 55] // 54 → 79.3 %, 55 → 84.6 %
	])('goal %f within %i s needs %i agents', (goal, targetSeconds, expected) => {
		expect(agentsNeeded({ offered30m: 360, ahtSeconds30m: 240, targetSeconds, goal })).toBe(
			expected
		);
	});

	it('54 agents within 15 s fall just short of 80 %', () => {
		expect(serviceLevel(54, 48, 15, 240)).toBeLessThan(0.8);
		expect(serviceLevel(54, 48, 15, 240)).toBeCloseTo(referenceServiceLevel(54, 48, 15, 240), 13);
	});
});

describe('the N = A boundary', () => {
	it('with N <= A every call waits and none is answered within target', () => {
		expect(erlangC(48, 48)).toBe(1);
		expect(erlangC(10, 48)).toBe(1);
		expect(serviceLevel(48, 48, 20, 240)).toBe(0);
		expect(serviceLevel(47, 48, 20, 240)).toBe(0);
	});

	it('just above A the recursion matches the direct sum (N/(N − A) is largest there)', () => {
		expect(erlangC(49, 48)).toBeCloseTo(referenceC(49, 48), 14);
		expect(erlangC(49, 48)).toBeCloseTo(0.836756574495772, 13); // Python Fractions
	});

	it('agentsNeeded is strictly greater than A, even for a goal of 0', () => {
		// A = 48 exactly: 48 is not > A.
		expect(agentsNeeded({ offered30m: 360, ahtSeconds30m: 240, targetSeconds: 20, goal: 0 })).toBe(
			49
		);
		// A = 1·1800/1800 = 1: the smallest N > 1 is 2.
		expect(agentsNeeded({ offered30m: 1, ahtSeconds30m: 1800, targetSeconds: 0, goal: 0 })).toBe(2);
		// A = 0.5: N = 1 already exceeds it.
		expect(agentsNeeded({ offered30m: 1, ahtSeconds30m: 900, targetSeconds: 0, goal: 0 })).toBe(1);
	});

	it('a goal of 1/2 with T = 0 on one agent: 1 − C(1, A) = 1 − A >= 0.5 needs A <= 0.5', () => {
		expect(agentsNeeded({ offered30m: 1, ahtSeconds30m: 900, targetSeconds: 0, goal: 0.5 })).toBe(
			1
		);
		expect(agentsNeeded({ offered30m: 1, ahtSeconds30m: 1000, targetSeconds: 0, goal: 0.5 })).toBe(
			2
		);
	});
});

describe('large loads', () => {
	it('500 Erlangs (5000 calls per 30 min, AHT 180 s): 514 agents for 90 % in 20 s', () => {
		const input = { offered30m: 5000, ahtSeconds30m: 180, targetSeconds: 20, goal: 0.9 };
		const n = agentsNeeded(input);
		expect(n).toBe(514); // Python: SL(513) = 0.89347…, SL(514) = 0.91093…
		expect(n as number).toBeGreaterThan(500);
		expect(n as number).toBeLessThanOrEqual(500 + 3 * Math.sqrt(500));
		expect(serviceLevel(513, 500, 20, 180)).toBeCloseTo(0.893473398235684, 12);
		expect(serviceLevel(514, 500, 20, 180)).toBeCloseTo(0.910927216469967, 12);
		expect(erlangC(514, 500)).toBeCloseTo(0.422001717338361, 12);
		expect(erlangC(514, 500)).toBeCloseTo(referenceC(514, 500), 13);
		expect(agentsNeeded({ ...input, goal: 0.8 })).toBe(510); // Python: 0.78424…, 0.81887…
	});

	it('thousands of agents stay finite and exact', () => {
		const c = erlangC(2000, 1950);
		expect(Number.isFinite(c)).toBe(true);
		expect(c).toBeCloseTo(referenceC(2000, 1950), 12);
		const n = agentsNeeded({
			offered30m: 36000,
			ahtSeconds30m: 100,
			targetSeconds: 20,
			goal: 0.95
		});
		expect(n as number).toBeGreaterThan(2000);
		expect(n as number).toBeLessThan(2000 + 5 * Math.sqrt(2000));
	});
});

describe('agentsNeeded returns null without load', () => {
	it.each([
		[0, 240],
		[12, null],
		[12, 0]
	])('offered30m = %s, ahtSeconds30m = %s', (offered30m, ahtSeconds30m) => {
		expect(agentsNeeded({ offered30m, ahtSeconds30m, targetSeconds: 20, goal: 0.9 })).toBeNull();
	});
});

describe('bad input is named', () => {
	it.each([
		[() => erlangC(0, 1), /agents must be an integer >= 1, got 0/],
		[() => erlangC(2.5, 1), /agents .* got 2\.5/],
		[() => erlangC(3, -1), /loadErlangs .* got -1/],
		[() => erlangC(3, Number.NaN), /loadErlangs .* got NaN/],
		[() => serviceLevel(3, 1, Number.POSITIVE_INFINITY, 180), /targetSeconds .* got Infinity/],
		[() => serviceLevel(3, 1, 20, 0), /ahtSeconds must be a finite number > 0, got 0/],
		[
			() => agentsNeeded({ offered30m: -3, ahtSeconds30m: 180, targetSeconds: 20, goal: 0.9 }),
			/offered30m .* got -3/
		],
		[
			() =>
				agentsNeeded({ offered30m: 3, ahtSeconds30m: Number.NaN, targetSeconds: 20, goal: 0.9 }),
			/ahtSeconds30m .* got NaN/
		],
		[
			() => agentsNeeded({ offered30m: 3, ahtSeconds30m: 180, targetSeconds: -1, goal: 0.9 }),
			/targetSeconds .* got -1/
		],
		[
			() => agentsNeeded({ offered30m: 3, ahtSeconds30m: 180, targetSeconds: 20, goal: 1 }),
			/goal must be a fraction in \[0, 1\), got 1/
		],
		[
			() => agentsNeeded({ offered30m: 3, ahtSeconds30m: 180, targetSeconds: 20, goal: 90 }),
			/goal .* got 90/
		]
	])('%#', (call, message) => {
		expect(call).toThrow(RangeError);
		expect(call).toThrow(message);
	});
});

describe('properties', () => {
	const load = fc.double({ min: 0, max: 300, noNaN: true });
	const seconds = fc.double({ min: 0, max: 120, noNaN: true });
	const aht = fc.double({ min: 1, max: 900, noNaN: true });

	it('more agents never lower the service level', () => {
		fc.assert(
			fc.property(load, fc.integer({ min: 0, max: 60 }), seconds, aht, (a, extra, t, h) => {
				const n = Math.floor(a) + 1 + extra;
				expect(serviceLevel(n + 1, a, t, h)).toBeGreaterThanOrEqual(serviceLevel(n, a, t, h));
				expect(erlangC(n + 1, a)).toBeLessThanOrEqual(erlangC(n, a));
			})
		);
	});

	const staffing = fc.record({
		offered30m: fc.integer({ min: 1, max: 3000 }),
		ahtSeconds30m: fc.double({ min: 1, max: 900, noNaN: true }),
		targetSeconds: seconds
	});
	const goal = fc.double({ min: 0, max: 0.999, noNaN: true });

	it('a higher goal never needs fewer agents', () => {
		fc.assert(
			fc.property(staffing, goal, goal, (s, g1, g2) => {
				const [lo, hi] = g1 <= g2 ? [g1, g2] : [g2, g1];
				const nLo = agentsNeeded({ ...s, goal: lo }) as number;
				const nHi = agentsNeeded({ ...s, goal: hi }) as number;
				expect(nHi).toBeGreaterThanOrEqual(nLo);
			})
		);
	});

	it('the answer is the smallest N > A that meets the goal', () => {
		fc.assert(
			fc.property(staffing, goal, (s, g) => {
				const n = agentsNeeded({ ...s, goal: g }) as number;
				const a = offeredLoadErlangs(s.offered30m, s.ahtSeconds30m);
				expect(n).toBeGreaterThan(a);
				expect(serviceLevel(n, a, s.targetSeconds, s.ahtSeconds30m)).toBeGreaterThanOrEqual(g);
				if (n - 1 > a) {
					expect(serviceLevel(n - 1, a, s.targetSeconds, s.ahtSeconds30m)).toBeLessThan(g);
				}
			})
		);
	});
});
