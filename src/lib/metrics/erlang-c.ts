/**
 * Erlang C staffing (contract v1.1 §7): the probability that a call waits, the service level N
 * agents give, and the smallest N that meets a service-level goal. Pure arithmetic.
 *
 * C(N, A) comes from the Erlang B recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) and
 * C = N·B / (N − A·(1 − B)). Every B(n) lies in [0, 1], so nothing overflows (Aᴺ and N! never
 * appear) and no large terms cancel: A in the hundreds and N in the thousands stay exact to
 * within a few ulps.
 */

/** `value` must be a finite number >= 0; otherwise a RangeError naming it. */
function nonNegative(name: string, value: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new RangeError(`${name} must be a finite number >= 0, got ${String(value)}`);
	}
	return value;
}

function positiveInteger(name: string, value: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new RangeError(`${name} must be an integer >= 1, got ${String(value)}`);
	}
	return value;
}

function positive(name: string, value: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new RangeError(`${name} must be a finite number > 0, got ${String(value)}`);
	}
	return value;
}

function goalFraction(value: number): number {
	if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
		throw new RangeError(`goal must be a fraction in [0, 1), got ${String(value)}`);
	}
	return value;
}

/** One step of the Erlang B recursion: B(n) from B(n − 1). */
function erlangBStep(previous: number, n: number, load: number): number {
	const x = load * previous;
	return x / (n + x);
}

/** C(N, A) from B(N, A); 1 when N <= A (the queue never drains, every call waits). */
function erlangCFromB(agents: number, load: number, b: number): number {
	if (agents <= load) return 1;
	return (agents * b) / (agents - load * (1 - b));
}

/** 1 − C·exp(−(N − A)·T / h); 0 when N <= A (the queue grows without bound). */
function serviceLevelFromC(
	agents: number,
	load: number,
	c: number,
	targetSeconds: number,
	ahtSeconds: number
): number {
	if (agents <= load) return 0;
	const sl = 1 - c * Math.exp((-(agents - load) * targetSeconds) / ahtSeconds);
	return Math.min(1, Math.max(0, sl));
}

/**
 * Erlang C: the probability that a call has to wait, with `agents` agents and an offered load
 * of `loadErlangs`. 1 when agents <= load (the formula's N/(N − A) leaves its domain there; in
 * steady state every call waits).
 */
export function erlangC(agents: number, loadErlangs: number): number {
	positiveInteger('agents', agents);
	nonNegative('loadErlangs', loadErlangs);
	if (agents <= loadErlangs) return 1;
	let b = 1;
	for (let n = 1; n <= agents; n++) b = erlangBStep(b, n, loadErlangs);
	return erlangCFromB(agents, loadErlangs, b);
}

/**
 * The fraction of calls answered within `targetSeconds`: 1 − C(N, A)·exp(−(N − A)·T / h).
 * 0 when agents <= load.
 */
export function serviceLevel(
	agents: number,
	loadErlangs: number,
	targetSeconds: number,
	ahtSeconds: number
): number {
	nonNegative('targetSeconds', targetSeconds);
	positive('ahtSeconds', ahtSeconds);
	const c = erlangC(agents, loadErlangs);
	return serviceLevelFromC(agents, loadErlangs, c, targetSeconds, ahtSeconds);
}

export type AgentsNeededInput = {
	/** calls with offered.at within (at − 30 min, at] */
	offered30m: number;
	/** mean talk time of the calls that ended within the same 30 min; null if none */
	ahtSeconds30m: number | null;
	/** the service-level target T, seconds */
	targetSeconds: number;
	/** the service-level goal G, a fraction in [0, 1) */
	goal: number;
};

/**
 * The offered load A = λ·h with λ = offered30m / 1800 per second, multiplied before dividing
 * so that whole counts and seconds lose nothing to an early rounding of λ (360·240/1800 is
 * exactly 48).
 */
export function offeredLoadErlangs(offered30m: number, ahtSeconds: number): number {
	return (nonNegative('offered30m', offered30m) * nonNegative('ahtSeconds30m', ahtSeconds)) / 1800;
}

/**
 * The smallest integer N > A with 1 − C(N, A)·exp(−(N − A)·T / h) >= G (contract §7); null when
 * offered30m = 0 or ahtSeconds30m is null or 0. One pass of the B recursion up to the answer, so
 * the cost is O(N).
 */
export function agentsNeeded(input: AgentsNeededInput): number | null {
	const { offered30m, ahtSeconds30m, targetSeconds, goal } = input;
	nonNegative('offered30m', offered30m);
	if (ahtSeconds30m !== null) nonNegative('ahtSeconds30m', ahtSeconds30m);
	nonNegative('targetSeconds', targetSeconds);
	goalFraction(goal);
	if (offered30m === 0 || ahtSeconds30m === null || ahtSeconds30m === 0) return null;

	const load = offeredLoadErlangs(offered30m, ahtSeconds30m);
	// Service level rises to 1 as N grows and goal < 1, so the loop ends; in floating point
	// 1 − C·e^(−(N−A)T/h) reaches 1 exactly once the product drops below half an ulp.
	let b = 1;
	for (let n = 1; ; n++) {
		b = erlangBStep(b, n, load);
		if (n <= load) continue;
		const c = erlangCFromB(n, load, b);
		if (serviceLevelFromC(n, load, c, targetSeconds, ahtSeconds30m) >= goal) return n;
	}
}
