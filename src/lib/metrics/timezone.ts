/**
 * Business days: the calendar date ('YYYY-MM-DD') of an instant in an IANA time zone, computed
 * with `Intl.DateTimeFormat` and independent of the process time zone.
 *
 * The engine asks for the business day of every applied event, so results are cached per
 * 15-minute block of epoch time. Every current UTC offset is a multiple of 15 minutes, so a local
 * midnight never falls inside a block; a block whose first and last millisecond disagree (only
 * possible with historical offsets such as Monrovia's −0:44:30 before 1972) is never cached and
 * is formatted per call, so the answer is exact for every zone and every instant.
 */
import { lowerBoundBy } from './sorted-times';

/** The cache granularity: 15 minutes. */
export const BLOCK_MS = 900_000;
/** Cached blocks per zone (about 104 days of event time). */
const CACHE_MAX_BLOCKS = 10_000;

const DAY_MS = 86_400_000;

/** A function from epoch ms to the business day in one zone, with its own bounded cache. */
export type BusinessDayFn = (ms: number) => string;

/** An en-US formatter in `timezone`; a RangeError naming the zone when it is unknown. */
export function zoneFormatter(
	timezone: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	try {
		return new Intl.DateTimeFormat('en-US', { ...options, timeZone: timezone });
	} catch {
		throw new RangeError(`unknown IANA time zone ${JSON.stringify(timezone)}`);
	}
}

/**
 * `format` cached per 15-minute block of epoch time: a block whose first and last millisecond
 * format alike (`same`) maps to that one value; any other block is formatted per call. At most
 * `maxBlocks` are kept, the one cached longest ago dropped first.
 */
export function cachedPerBlock<T>(
	format: (ms: number) => T,
	same: (a: T, b: T) => boolean,
	maxBlocks: number
): (ms: number) => T {
	const cache = new Map<number, T>();
	return (ms) => {
		if (!Number.isFinite(ms)) throw new RangeError(`not a finite epoch-ms instant: ${ms}`);
		const block = Math.floor(ms / BLOCK_MS);
		const cached = cache.get(block);
		if (cached !== undefined) return cached;
		const start = block * BLOCK_MS;
		const first = format(start);
		if (!same(first, format(start + BLOCK_MS - 1))) return format(ms);
		if (cache.size >= maxBlocks) {
			// Maps iterate in insertion order: drop the block cached longest ago.
			const oldest = cache.keys().next();
			if (!oldest.done) cache.delete(oldest.value);
		}
		cache.set(block, first);
		return first;
	};
}

/**
 * Returns `businessDayOf` bound to `timezone`, with its own formatter and cache. Throws a
 * RangeError naming the zone when it is unknown.
 */
export function createBusinessDay(timezone: string): BusinessDayFn {
	const formatter = zoneFormatter(timezone, { year: 'numeric', month: '2-digit', day: '2-digit' });

	const format = (ms: number): string => {
		let year = '';
		let month = '';
		let day = '';
		for (const part of formatter.formatToParts(ms)) {
			if (part.type === 'year') year = part.value;
			else if (part.type === 'month') month = part.value;
			else if (part.type === 'day') day = part.value;
		}
		return `${year.padStart(4, '0')}-${month}-${day}`;
	};

	return cachedPerBlock(format, (a, b) => a === b, CACHE_MAX_BLOCKS);
}

/** One bound function per zone; a pure memo (same answers with or without it). */
const byZone = new Map<string, BusinessDayFn>();

/** 'YYYY-MM-DD' of the instant `ms` (epoch milliseconds) in the IANA zone `timezone`. */
export function businessDayOf(ms: number, timezone: string): string {
	let fn = byZone.get(timezone);
	if (fn === undefined) {
		fn = createBusinessDay(timezone);
		byZone.set(timezone, fn);
	}
	return fn(ms);
}

/** The calendar date `days` days after `day` ('YYYY-MM-DD'; `days` may be negative). */
export function addDays(day: string, days: number): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (match === null) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
	const [, y, m, d] = match;
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)) + days * DAY_MS);
	const yyyy = String(date.getUTCFullYear()).padStart(4, '0');
	const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
	const dd = String(date.getUTCDate()).padStart(2, '0');
	return `${yyyy}-${mm}-${dd}`;
}

/**
 * Epoch ms of 00:00 of the business day that contains `ms` in `timezone` — 23 or 25 hours before
 * the next one on a daylight-saving change. Binary search over the 15-minute blocks of the 27 hours
 * before `ms`: a local midnight falls on a block boundary in every current zone.
 */
export function startOfBusinessDay(ms: number, timezone: string): number {
	const day = businessDayOf(ms, timezone);
	const first = Math.floor((ms - 27 * 3600_000) / BLOCK_MS) + 1; // after a block of an earlier day
	const last = Math.floor(ms / BLOCK_MS); // a block of `day`
	const starts = Array.from({ length: last - first + 1 }, (_, i) => (first + i) * BLOCK_MS);
	const isBefore = (start: number, d: string) => businessDayOf(start, timezone) < d;
	return starts[lowerBoundBy(starts, day, isBefore)] as number;
}
