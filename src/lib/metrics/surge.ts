/**
 * Surge detection: early warning of a cluster of tickets in one district or on one topic, by
 * comparing the last hour with the same hour of the same weekday over the last four weeks.
 *
 * The rule, for a count k = lastHour and a baseline b₁…bₘ:
 *   expected λ = max(mean(b), EXPECTED_FLOOR)      (an empty baseline gives the floor, 0.5)
 *   pValue     = P(X >= k) for X ~ Poisson(λ)      (one-sided upper tail, k itself included)
 *   surge      = k >= minCount (default 5)  and  pValue < pThreshold (default 0.001)
 *
 * The floor keeps a district or topic with no history from raising a surge for a single ticket:
 * P(X >= 1 | 0.5) = 0.39, P(X >= 4 | 0.5) = 0.0018, and minCount stops anything under 5 anyway;
 * five tickets in an hour on a topic never seen at that hour (P(X >= 5 | 0.5) = 0.00017) is a
 * surge, which is the point of the warning.
 *
 * Worked example: 朝阳区 供暖 23 件/时, 常态 (5, 7, 6, 6) → λ = 6,
 *   p = P(X >= 23 | 6) = 1 − Σ_{j<23} e⁻⁶·6ʲ/j! = 1.005 × 10⁻⁷ < 0.001, and 23 >= 5 → surge.
 * The same 23 against a baseline of (20, 22, 25, 21) (λ = 22) gives p = 0.44: no surge.
 *
 * The tail is summed in log space from its largest term outwards, so it neither underflows for
 * λ in the thousands nor loses a tiny p to cancellation (P(X >= 100 | 1) = 3.98 × 10⁻¹⁵⁹).
 * Relative accuracy is about 1e-15 for hourly counts under a hundred and about 1e-11 for counts
 * in the thousands (the rounding of k·ln λ − λ − ln k!), far finer than the threshold needs.
 */

/** The least expected count per hour: an empty or all-zero baseline expects this many. */
export const EXPECTED_FLOOR = 0.5;
/** Fewer tickets than this in the hour are never a surge, however quiet the baseline. */
export const SURGE_MIN_COUNT = 5;
/** A surge needs a Poisson upper-tail probability below this. */
export const SURGE_P_THRESHOLD = 0.001;

export type SurgeInput = {
	/** tickets in the last hour, within (at − 1 h, at] */
	lastHour: number;
	/** the same hour of the same weekday over the last weeks (4 by convention), one count each */
	baseline: readonly number[];
	minCount?: number;
	pThreshold?: number;
};

export type SurgeResult = { surge: boolean; expected: number; pValue: number };

function count(name: string, value: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
	}
	return value;
}

function nonNegative(name: string, value: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new RangeError(`${name} must be a finite number >= 0, got ${String(value)}`);
	}
	return value;
}

/** ln(k!) by summing logarithms: exact to a few ulps for the counts a wallboard sees. */
function logFactorial(k: number): number {
	let sum = 0;
	for (let i = 2; i <= k; i++) sum += Math.log(i);
	return sum;
}

/** ln P(X = k) for X ~ Poisson(λ), λ > 0. */
function logPmf(k: number, lambda: number): number {
	return -lambda + k * Math.log(lambda) - logFactorial(k);
}

/**
 * P(X >= k) for X ~ Poisson(λ). For k > λ the tail is summed upwards from its largest term
 * P(X = k), each next term a ratio λ/j of the last; for k <= λ the tail is at least about 1/2 and
 * 1 − P(X <= k − 1) is taken, the lower sum summed downwards from its largest term P(X = k − 1).
 * Either way the sum is a factor times one term's exp(log), so nothing under- or overflows early.
 */
export function poissonUpperTail(k: number, lambda: number): number {
	count('k', k);
	nonNegative('lambda', lambda);
	if (k === 0) return 1;
	if (lambda === 0) return 0;
	if (k > lambda) {
		let ratio = 1;
		let sum = 1;
		for (let j = k + 1; ratio > sum * Number.EPSILON; j++) {
			ratio *= lambda / j;
			sum += ratio;
		}
		return Math.min(1, Math.exp(logPmf(k, lambda) + Math.log(sum)));
	}
	let ratio = 1;
	let sum = 1;
	for (let j = k - 1; j > 0 && ratio > sum * Number.EPSILON; j--) {
		ratio *= j / lambda;
		sum += ratio;
	}
	const lower = Math.exp(logPmf(k - 1, lambda) + Math.log(sum));
	return Math.min(1, Math.max(0, 1 - lower));
}

/** Mean of the baseline, never below EXPECTED_FLOOR. */
export function expectedCount(baseline: readonly number[]): number {
	let sum = 0;
	baseline.forEach((value, i) => {
		sum += nonNegative(`baseline[${i}]`, value);
	});
	const mean = baseline.length === 0 ? 0 : sum / baseline.length;
	return Math.max(mean, EXPECTED_FLOOR);
}

/** The rule in this file's opening comment. */
export function detectSurge(input: SurgeInput): SurgeResult {
	const lastHour = count('lastHour', input.lastHour);
	const minCount = count('minCount', input.minCount ?? SURGE_MIN_COUNT);
	const pThreshold = input.pThreshold ?? SURGE_P_THRESHOLD;
	if (typeof pThreshold !== 'number' || !(pThreshold > 0 && pThreshold <= 1)) {
		throw new RangeError(`pThreshold must be in (0, 1], got ${String(pThreshold)}`);
	}
	const expected = expectedCount(input.baseline);
	const pValue = poissonUpperTail(lastHour, expected);
	return { surge: lastHour >= minCount && pValue < pThreshold, expected, pValue };
}
