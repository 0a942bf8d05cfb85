/**
 * The hall's last two hours per minute (`calls.series`, an addition to contract §3).
 *
 * Like the rest of the engine it is a sum of per-call contributions, so it is exact and
 * independent of arrival order: the engine adds a call's contribution when its record changes
 * and retracts the old one. Answered and abandoned calls count in the minute of answered.at /
 * abandoned.at. Calls waiting are kept as a difference array over minutes: +1 at the minute the
 * call was offered, −1 at the minute it stopped waiting; the number waiting at the end of minute
 * m is the sum of every delta at or before m.
 */
import { SERIES_MINUTES, type CallSeries, type MinuteStats } from '../contract/snapshot';

const MINUTE_MS = 60_000;

/** What one call adds to the series. */
export type SeriesContribution = {
	offeredAt: number;
	/** answered.at or abandoned.at; null while the call waits. */
	stoppedAt: number | null;
	answeredAt: number | null;
	withinTarget: boolean;
	abandonedAt: number | null;
};

export interface MinuteSeries {
	/** Adds (sign 1) or retracts (sign −1) one call's contribution. */
	count(c: SeriesContribution, sign: 1 | -1): void;
	/** The {@link SERIES_MINUTES} minutes ending with the minute of `now`. */
	snapshot(now: number): CallSeries;
	/** Forgets the minutes that no snapshot at or after `now` reads. */
	prune(now: number): void;
}

type Counts = { answeredWithinTarget: number; answeredAfterTarget: number; abandoned: number };

/** Minute index (minutes since the epoch) of epoch-ms `t`. */
export function minuteOf(t: number): number {
	return Math.floor(t / MINUTE_MS);
}

/** 'YYYY-MM-DDTHH:mmZ', the start of minute `m` in UTC. */
export function minuteKey(m: number): string {
	return `${new Date(m * MINUTE_MS).toISOString().slice(0, 16)}Z`;
}

export function createMinuteSeries(): MinuteSeries {
	/** minute → sum of waiting deltas at that minute (minutes >= foldedBefore only). */
	const deltas = new Map<number, number>();
	/** Sum of the deltas of every minute before `foldedBefore`. */
	let folded = 0;
	let foldedBefore = -Infinity;
	const counts = new Map<number, Counts>();

	function addDelta(minute: number, d: number): void {
		if (minute < foldedBefore) {
			folded += d;
			return;
		}
		const next = (deltas.get(minute) ?? 0) + d;
		if (next === 0) deltas.delete(minute);
		else deltas.set(minute, next);
	}

	function addCount(at: number, field: keyof Counts, d: number): void {
		const minute = minuteOf(at);
		if (minute < foldedBefore) return; // no snapshot reads it any more
		let c = counts.get(minute);
		if (c === undefined) {
			c = { answeredWithinTarget: 0, answeredAfterTarget: 0, abandoned: 0 };
			counts.set(minute, c);
		}
		c[field] += d;
		if (c.answeredWithinTarget === 0 && c.answeredAfterTarget === 0 && c.abandoned === 0) {
			counts.delete(minute);
		}
	}

	return {
		count(c, sign) {
			const start = minuteOf(c.offeredAt);
			addDelta(start, sign);
			// A stop stamped before the offer (clock skew) stops the wait in the offered minute.
			if (c.stoppedAt !== null) addDelta(Math.max(start, minuteOf(c.stoppedAt)), -sign);
			if (c.answeredAt !== null) {
				addCount(
					c.answeredAt,
					c.withinTarget ? 'answeredWithinTarget' : 'answeredAfterTarget',
					sign
				);
			} else if (c.abandonedAt !== null) {
				addCount(c.abandonedAt, 'abandoned', sign);
			}
		},

		snapshot(now) {
			const last = minuteOf(now);
			const first = last - SERIES_MINUTES + 1;
			let waiting = folded;
			const inWindow = new Map<number, number>();
			for (const [minute, d] of deltas) {
				if (minute < first) waiting += d;
				else if (minute <= last) inWindow.set(minute, d);
			}
			const series: CallSeries = {};
			for (let m = first; m <= last; m++) {
				waiting += inWindow.get(m) ?? 0;
				const c = counts.get(m);
				const stats: MinuteStats = {
					waiting,
					answeredWithinTarget: c?.answeredWithinTarget ?? 0,
					answeredAfterTarget: c?.answeredAfterTarget ?? 0,
					abandoned: c?.abandoned ?? 0
				};
				series[minuteKey(m)] = stats;
			}
			return series;
		},

		prune(now) {
			const first = minuteOf(now) - SERIES_MINUTES + 1;
			if (first <= foldedBefore) return;
			foldedBefore = first;
			for (const [minute, d] of deltas) {
				if (minute < first) {
					folded += d;
					deltas.delete(minute);
				}
			}
			for (const minute of counts.keys()) if (minute < first) counts.delete(minute);
		}
	};
}
