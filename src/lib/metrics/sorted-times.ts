/**
 * An ordered multiset of epoch-ms instants for exact rolling windows: a sorted array, appended to
 * in the common case (events arrive roughly in time order), binary-inserted otherwise; and the
 * binary search (`lowerBoundBy`) that every sorted list of the code base uses.
 */

/**
 * The one binary search of the code base: the index of the first item of `items` that is not
 * `isBefore` `key`, where `items` is ordered so that `isBefore(item, key)` holds for a prefix and
 * fails for the rest. On hot paths pass a module-level `isBefore`, not a closure made per call.
 */
export function lowerBoundBy<T, K>(
	items: readonly T[],
	key: K,
	isBefore: (item: T, key: K) => boolean
): number {
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (isBefore(items[mid] as T, key)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

const less = (v: number, t: number) => v < t;
const lessOrEqual = (v: number, t: number) => v <= t;

/** Index of the first value >= `t` in the ascending array `values`. */
export function lowerBound(values: readonly number[], t: number): number {
	return lowerBoundBy(values, t, less);
}

/** Index of the first value > `t` in the ascending array `values`. */
export function upperBound(values: readonly number[], t: number): number {
	return lowerBoundBy(values, t, lessOrEqual);
}

export class SortedTimes {
	readonly #values: number[] = [];
	#floor = -Infinity;

	/** Number of instants held. */
	get size(): number {
		return this.#values.length;
	}

	/** Instants below this were pruned; adding or removing one is ignored. */
	get floor(): number {
		return this.#floor;
	}

	add(t: number): void {
		if (!Number.isFinite(t)) throw new RangeError(`SortedTimes.add: not a finite instant: ${t}`);
		if (t < this.#floor) return;
		const values = this.#values;
		const last = values[values.length - 1];
		if (last === undefined || t >= last) values.push(t);
		else values.splice(upperBound(values, t), 0, t);
	}

	/** Removes one occurrence of `t`; returns false (and changes nothing) when there is none. */
	remove(t: number): boolean {
		const values = this.#values;
		const i = lowerBound(values, t);
		if (i >= values.length || values[i] !== t) return false;
		if (i === values.length - 1) values.pop();
		else values.splice(i, 1);
		return true;
	}

	/** How many instants lie in the half-open interval (lowExclusive, highInclusive]. */
	countIn(lowExclusive: number, highInclusive: number): number {
		if (highInclusive <= lowExclusive) return 0;
		return upperBound(this.#values, highInclusive) - upperBound(this.#values, lowExclusive);
	}

	/** How many instants lie strictly before `t`. */
	countBefore(t: number): number {
		return lowerBound(this.#values, t);
	}

	/** The smallest instant in (lowExclusive, highInclusive], or null when there is none. */
	firstIn(lowExclusive: number, highInclusive: number): number | null {
		const values = this.#values;
		const i = upperBound(values, lowExclusive);
		const v = values[i];
		return v !== undefined && v <= highInclusive ? v : null;
	}

	/** Drops every instant < `t`; from now on instants < `t` are ignored by `add` and `remove`. */
	pruneBefore(t: number): void {
		if (t <= this.#floor) return;
		this.#floor = t;
		const i = lowerBound(this.#values, t);
		if (i > 0) this.#values.splice(0, i);
	}

	/** The instants held, ascending (a copy). */
	toArray(): number[] {
		return this.#values.slice();
	}
}
