/**
 * Local wall-clock time in an IANA zone → epoch milliseconds, pure (Intl only, independent of the
 * process time zone). For call-detail exports that write local times without an offset.
 *
 * As Temporal's 'compatible' disambiguation: a local time that a daylight-saving change skips
 * (spring forward) is read with the offset in force before the gap (02:30 in a skipped hour is
 * 03:30 after it); a time that occurs twice (fall back) is its first occurrence. Offsets are
 * cached per zone and local hour.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_MAX = 50_000;

function formatterOf(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (f === undefined) {
		try {
			f = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric'
			});
		} catch {
			throw new RangeError(`unknown IANA time zone ${JSON.stringify(timeZone)}`);
		}
		formatters.set(timeZone, f);
	}
	return f;
}

/** The zone's offset from UTC at the instant `ms`, in milliseconds (local − UTC). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const p of formatterOf(timeZone).formatToParts(ms)) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	const asUtc = Date.UTC(
		parts.year!,
		parts.month! - 1,
		parts.day!,
		parts.hour!,
		parts.minute!,
		parts.second!
	);
	return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

export type LocalDateTime = {
	year: number;
	/** 1–12 */
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
};

/** Epoch ms of the local wall-clock time `t` in `timeZone` (see the module comment for DST). */
export function localToEpochMs(t: LocalDateTime, timeZone: string): number {
	const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
	const key = `${timeZone}|${Math.floor(wall / 3_600_000)}`;
	const cached = offsetCache.get(key);
	if (cached !== undefined) return wall - cached;
	// Candidates: the offsets 12 h before and after the approximate instant (transitions are far
	// more than 12 h apart, so these are the offsets on either side of any nearby change). Valid
	// when the instant a candidate gives has that offset: two valid is an overlap, take the earlier
	// instant (larger offset); none valid is a gap, take the offset before it.
	const approx = wall - zoneOffsetMs(wall, timeZone);
	const before = zoneOffsetMs(approx - 12 * 3_600_000, timeZone);
	const after = zoneOffsetMs(approx + 12 * 3_600_000, timeZone);
	const valid = [before, after].filter((c) => zoneOffsetMs(wall - c, timeZone) === c);
	const offset = valid.length > 0 ? Math.max(...valid) : before;
	if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
	// Only hours that are not next to a change are cached (the offset one hour on either side agrees).
	if (
		zoneOffsetMs(wall - offset - 3_600_000, timeZone) === offset &&
		zoneOffsetMs(wall - offset + 3_600_000, timeZone) === offset
	) {
		offsetCache.set(key, offset);
	}
	return wall - offset;
}
