/**
 * Surge scan: runs the rule of surge.ts over every district, every topic and every district ×
 * topic, given the tickets of the last hour and the hourly rollup (history_tickets_hourly).
 *
 * The last hour is the rolling window (at − 1 h, at]; the rollup holds wall-clock hours. The
 * baseline of week w (1…4) is the same window a week earlier, t = at − w·7 d, read from the two
 * wall-clock hours it overlaps: f·count(hour of t) + (1 − f)·count(the hour before), f the
 * fraction of t's hour already elapsed (a linear interpolation, exact when the tickets of an hour
 * are spread evenly). The same reading gives yesterday's count up to the same time (环比).
 *
 * Noise: a district × topic surge hides the district's own surge and the topic's city-wide one
 * (the cluster is named once, at its most precise). A group that stays at count >= minCount with
 * p < SURGE_HOLD_P is `holding`: it keeps an active alert alive (amber) without raising one.
 */
import type { Surge } from '../contract/snapshot';
import type { LocalSlotFn } from './local-slot';
import { detectSurge, SURGE_MIN_COUNT } from './surge';

export const HOUR_MS = 3600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;
export const SURGE_BASELINE_WEEKS = 4;
/** A surge that has been raised stays (amber) while its p-value is below this. */
export const SURGE_HOLD_P = 0.05;

/** A (day, hour) of the rollup with the weight it enters a baseline week with. */
export type HourSlot = { day: string; hour: number; weight: number; week: number };
export type HourCell = {
	day: string;
	hour: number;
	district: string;
	topic: string;
	created: number;
};
export type LastHourCell = { district: string; topic: string; count: number };

export type SurgeFinding = Surge & { pValue: number; level: 'bad' | 'warn' };

/** Local hour of `t` and the fraction of it elapsed (every current UTC offset is a multiple of 15 min). */
function hourOf(t: number, slotOf: LocalSlotFn): { day: string; hour: number; fraction: number } {
	const { day, minute } = slotOf(t);
	const intoSlot = ((t % 900_000) + 900_000) % 900_000;
	return {
		day,
		hour: Math.floor(minute / 60),
		fraction: ((minute % 60) * 60_000 + intoSlot) / HOUR_MS
	};
}

/** The two rollup hours the window (t − 1 h, t] reads, with their weights. */
export function windowSlots(t: number, slotOf: LocalSlotFn, week = 0): HourSlot[] {
	const cur = hourOf(t, slotOf);
	const prev = hourOf(t - HOUR_MS, slotOf);
	return [
		{ day: cur.day, hour: cur.hour, weight: cur.fraction, week },
		{ day: prev.day, hour: prev.hour, weight: 1 - cur.fraction, week }
	];
}

/** The slots of the baseline: the same window 1…weeks weeks before `at`. */
export function baselineSlots(
	at: number,
	slotOf: LocalSlotFn,
	weeks = SURGE_BASELINE_WEEKS
): HourSlot[] {
	const out: HourSlot[] = [];
	for (let w = 1; w <= weeks; w++) out.push(...windowSlots(at - w * WEEK_MS, slotOf, w));
	return out;
}

/**
 * Yesterday's tickets per topic up to the same time of day as `at`: the hours of yesterday's
 * business day before `at − 24 h`'s hour in full, that hour by the elapsed fraction.
 */
export function yesterdaySoFar(
	at: number,
	slotOf: LocalSlotFn,
	cells: readonly HourCell[]
): Record<string, number> {
	const y = hourOf(at - 24 * HOUR_MS, slotOf);
	const out: Record<string, number> = {};
	for (const c of cells) {
		if (c.day !== y.day || c.topic === '' || c.hour > y.hour) continue;
		const weight = c.hour < y.hour ? 1 : y.fraction;
		out[c.topic] = (out[c.topic] ?? 0) + weight * c.created;
	}
	for (const k of Object.keys(out)) out[k] = Math.round(out[k] as number);
	return out;
}

const SEP = '\u0000';
type Group = { district: string; topic: string | undefined };
/** The groups a ticket of (district, topic) counts in. */
function groupsOf(district: string, topic: string): Group[] {
	const groups: Group[] = [{ district, topic: undefined }];
	if (topic !== '') groups.push({ district: '', topic }, { district, topic });
	return groups;
}
const keyOf = (g: Group) => `${g.district}${SEP}${g.topic ?? SEP}`;

export type ScanOptions = { weeks?: number; minCount?: number; pThreshold?: number };

/** Every surge and holding group, most significant first (p ascending, then by name). */
export function scanSurges(
	lastHour: readonly LastHourCell[],
	history: readonly HourCell[],
	slots: readonly HourSlot[],
	options: ScanOptions = {}
): SurgeFinding[] {
	const weeks = options.weeks ?? SURGE_BASELINE_WEEKS;
	const minCount = options.minCount ?? SURGE_MIN_COUNT;
	const counts = new Map<string, { group: Group; count: number }>();
	for (const c of lastHour) {
		for (const group of groupsOf(c.district, c.topic)) {
			const key = keyOf(group);
			const entry = counts.get(key) ?? { group, count: 0 };
			entry.count += c.count;
			counts.set(key, entry);
		}
	}
	const weightOf = new Map<string, { weight: number; week: number }[]>();
	for (const s of slots) {
		const k = `${s.day}${SEP}${s.hour}`;
		weightOf.set(k, [...(weightOf.get(k) ?? []), { weight: s.weight, week: s.week }]);
	}
	const baselines = new Map<string, number[]>();
	for (const cell of history) {
		const ws = weightOf.get(`${cell.day}${SEP}${cell.hour}`);
		if (ws === undefined) continue;
		for (const group of groupsOf(cell.district, cell.topic)) {
			const key = keyOf(group);
			if (!counts.has(key)) continue;
			const b = baselines.get(key) ?? new Array<number>(weeks).fill(0);
			for (const { weight, week } of ws) b[week - 1] = (b[week - 1] ?? 0) + weight * cell.created;
			baselines.set(key, b);
		}
	}
	const found: SurgeFinding[] = [];
	for (const [key, { group, count }] of counts) {
		if (count < minCount) continue;
		const baseline = baselines.get(key) ?? new Array<number>(weeks).fill(0);
		const r = detectSurge({ lastHour: count, baseline, minCount, pThreshold: options.pThreshold });
		if (!r.surge && r.pValue >= SURGE_HOLD_P) continue;
		found.push({
			district: group.district,
			...(group.topic === undefined ? {} : { topic: group.topic }),
			count,
			expected: Math.round(r.expected * 10) / 10,
			pValue: r.pValue,
			level: r.surge ? 'bad' : 'warn'
		});
	}
	const precise = found.filter((f) => f.level === 'bad' && f.district !== '' && f.topic);
	return found
		.filter(
			(f) =>
				!(f.topic === undefined && precise.some((p) => p.district === f.district)) &&
				!(f.district === '' && precise.some((p) => p.topic === f.topic))
		)
		.sort(
			(a, b) =>
				a.pValue - b.pValue ||
				a.district.localeCompare(b.district) ||
				(a.topic ?? '').localeCompare(b.topic ?? '')
		);
}
