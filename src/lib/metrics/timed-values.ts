/**
 * An ordered multiset of (instant, value) pairs for exact rolling sums, e.g. the talk times of the
 * calls that ended within the last 30 minutes (contract v1.1 §7, `ahtSeconds30m`). Kept sorted by
 * instant like SortedTimes; a window's sum walks the pairs inside it, which the windows it serves
 * keep short (a half hour of one hall's calls).
 */
import { lowerBound, upperBound } from './sorted-times';

export class TimedValues {
	readonly #times: number[] = [];
	readonly #values: number[] = [];
	#floor = -Infinity;

	get size(): number {
		return this.#times.length;
	}

	add(t: number, value: number): void {
		if (!Number.isFinite(t)) throw new RangeError(`TimedValues.add: not a finite instant: ${t}`);
		if (t < this.#floor) return;
		const times = this.#times;
		const last = times[times.length - 1];
		if (last === undefined || t >= last) {
			times.push(t);
			this.#values.push(value);
		} else {
			const i = upperBound(times, t);
			times.splice(i, 0, t);
			this.#values.splice(i, 0, value);
		}
	}

	/** Removes one (t, value) pair; false (and nothing changes) when there is none. */
	remove(t: number, value: number): boolean {
		const times = this.#times;
		for (let i = lowerBound(times, t); i < times.length && times[i] === t; i++) {
			if (this.#values[i] !== value) continue;
			times.splice(i, 1);
			this.#values.splice(i, 1);
			return true;
		}
		return false;
	}

	/** Count and sum of the values whose instant lies in (lowExclusive, highInclusive]. */
	sumIn(lowExclusive: number, highInclusive: number): { count: number; sum: number } {
		const times = this.#times;
		const from = upperBound(times, lowExclusive);
		const to = upperBound(times, highInclusive);
		let sum = 0;
		for (let i = from; i < to; i++) sum += this.#values[i] as number;
		return { count: Math.max(0, to - from), sum };
	}

	/** Drops every pair whose instant is < `t`; later adds and removes below `t` are ignored. */
	pruneBefore(t: number): void {
		if (t <= this.#floor) return;
		this.#floor = t;
		const i = lowerBound(this.#times, t);
		if (i > 0) {
			this.#times.splice(0, i);
			this.#values.splice(0, i);
		}
	}
}
