/**
 * Seeded pseudo-random numbers for the simulator: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter, 128-bit state, passes PractRand) seeded through splitmix32, and the few
 * distributions the hall model draws from. Pure: the state lives in the returned closure.
 */
import { upperBound } from '../../../metrics/sorted-times';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

/** One splitmix32 step: a well-mixed 32-bit value from any 32-bit input. */
function splitmix32(x: number): number {
	let z = (x + 0x9e3779b9) | 0;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Mixes numbers (any finite values, e.g. a seed and an epoch-ms day start) into one 32-bit
 * seed. Integers up to 2^53 contribute both their low and high 32 bits.
 */
export function hashSeed(...parts: readonly number[]): number {
	let h = 0x2545f491;
	for (const part of parts) {
		if (!Number.isFinite(part)) throw new RangeError(`hashSeed: ${part} is not a finite number`);
		const whole = Math.trunc(part);
		const lo = (whole % TWO_POW_32) >>> 0;
		const hi = Math.floor(whole / TWO_POW_32) >>> 0;
		const frac = Math.round((part - whole) * TWO_POW_32) >>> 0;
		h = splitmix32(h ^ lo);
		h = splitmix32(h ^ hi);
		if (frac !== 0) h = splitmix32(h ^ frac);
	}
	return h;
}

/** An sfc32 generator seeded from `seed` (any finite number). */
export function createRng(seed: number): Rng {
	let a = splitmix32(hashSeed(seed));
	let b = splitmix32(a);
	let c = splitmix32(b);
	let d = 1;
	const next: Rng = () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / TWO_POW_32;
	};
	// Discard the first outputs: sfc32's state needs a few rounds to mix.
	for (let i = 0; i < 12; i++) next();
	return next;
}

/** Uniform in [min, max). */
export function uniform(rng: Rng, min: number, max: number): number {
	return min + (max - min) * rng();
}

/** Uniform integer in [min, max] (both inclusive). */
export function integer(rng: Rng, min: number, max: number): number {
	return min + Math.floor((max - min + 1) * rng());
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
	return rng() < p;
}

/** Exponential with the given mean. */
export function exponential(rng: Rng, mean: number): number {
	return -mean * Math.log(1 - rng());
}

/** Standard normal (Box–Muller; one draw of the pair, for simplicity and reproducibility). */
export function normal(rng: Rng): number {
	const u = 1 - rng();
	const v = rng();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal given its median (= e^μ) and σ of the underlying normal. */
export function lognormal(rng: Rng, median: number, sigma: number): number {
	return median * Math.exp(sigma * normal(rng));
}

/** A uniformly chosen element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
	if (items.length === 0) throw new RangeError('pick: empty list');
	return items[Math.floor(rng() * items.length)] as T;
}

/** Returns a function that draws an item with probability proportional to its weight. */
export function weightedPicker<T>(
	items: readonly T[],
	weightOf: (item: T) => number
): (rng: Rng) => T {
	if (items.length === 0) throw new RangeError('weightedPicker: empty list');
	const cumulative: number[] = [];
	let total = 0;
	for (const item of items) {
		const w = weightOf(item);
		if (!(w >= 0) || !Number.isFinite(w)) {
			throw new RangeError(`weightedPicker: weight ${w} must be a finite number >= 0`);
		}
		total += w;
		cumulative.push(total);
	}
	if (total <= 0) throw new RangeError('weightedPicker: weights sum to 0');
	const last = items.length - 1;
	return (rng) => {
		// The first item whose cumulative weight exceeds x (the last one if rounding says none).
		return items[Math.min(upperBound(cumulative, rng() * total), last)] as T;
	};
}

/**
 * Next arrival of a non-homogeneous Poisson process after `from`, by thinning (Lewis and
 * Shedler 1979): candidates at rate `rateMax`, each kept with probability rate(t) / rateMax.
 * `rate` must never exceed `rateMax`. Returns Infinity when no arrival falls before `until`.
 */
export function nextPoissonArrival(
	rng: Rng,
	from: number,
	until: number,
	rate: (t: number) => number,
	rateMax: number
): number {
	if (!(rateMax > 0)) return Infinity;
	let t = from;
	for (;;) {
		t += exponential(rng, 1 / rateMax);
		if (t >= until) return Infinity;
		if (rng() * rateMax < rate(t)) return t;
	}
}
