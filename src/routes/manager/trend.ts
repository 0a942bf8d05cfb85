/**
 * What the trend chart plots: the figures it can show and how each is read from an intraday
 * bucket or a day of the daily series. Pure.
 */
import type { HistoryDaily, HistorySummary, IntradayPoint } from '$lib/contract/history';

export const INTRADAY_METRICS = ['offered', 'answered', 'abandoned', 'serviceLevel'] as const;
export const DAILY_METRICS = [
	'offered',
	'answered',
	'abandoned',
	'serviceLevel',
	'answerRate',
	'onTimeRate'
] as const;
export type TrendMetric = (typeof DAILY_METRICS)[number];

export const isRateMetric = (m: TrendMetric) =>
	m === 'serviceLevel' || m === 'answerRate' || m === 'onTimeRate';

/** The metric a URL asks for, if the chart can show it, else `offered`. */
export function trendMetricFrom(param: string | null, oneDay: boolean): TrendMetric {
	const allowed: readonly string[] = oneDay ? INTRADAY_METRICS : DAILY_METRICS;
	return param !== null && allowed.includes(param) ? (param as TrendMetric) : 'offered';
}

export function intradayValue(p: IntradayPoint, m: TrendMetric): number | null {
	if (m === 'offered' || m === 'answered' || m === 'abandoned') return p[m];
	if (m === 'serviceLevel') {
		const handled = p.answered + p.abandoned;
		return handled === 0 ? null : p.answeredWithinTarget / handled;
	}
	return null;
}

export function dailyValue(d: HistoryDaily['days'][number], m: TrendMetric): number | null {
	if (m === 'onTimeRate') return d.tickets.onTimeRate;
	return d.calls[m];
}

/** The target line for a rate metric, if the wall has one. */
export function targetOf(m: TrendMetric, targets: HistorySummary['targets']): number | null {
	if (m === 'serviceLevel') return targets.serviceLevel;
	if (m === 'answerRate') return targets.answerRate;
	if (m === 'onTimeRate') return targets.onTimeRate;
	return null;
}

/**
 * The 96 buckets of a day as values, by minute (a missing bucket is 0 calls / no rate). Buckets
 * after `untilMinute` are null: the rest of a day still going on has not happened yet.
 */
export function intradayValues(
	points: IntradayPoint[],
	m: TrendMetric,
	untilMinute = 1425
): Array<number | null> {
	const byMinute = new Map(points.map((p) => [p.minute, p]));
	return Array.from({ length: 96 }, (_, i) => {
		if (i * 15 > untilMinute) return null;
		const p = byMinute.get(i * 15);
		if (p) return intradayValue(p, m);
		return isRateMetric(m) ? null : 0;
	});
}

/** "HH:MM" of a bucket's start. */
export function minuteLabel(minute: number): string {
	const h = Math.floor(minute / 60);
	return `${String(h).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The last bucket of a day with any call in it (-1 when none): where "today" stops so far. */
export function lastActiveMinute(points: IntradayPoint[]): number {
	let last = -1;
	for (const p of points) {
		if (p.offered + p.answered + p.abandoned > 0 && p.minute > last) last = p.minute;
	}
	return last;
}

/**
 * A day's label on the daily chart's axis: "MM-DD" while the range stays in one year,
 * "YYYY-MM-DD" when it spans years (a 3-year chart's "01-01" would not say which).
 */
export function dayTickLabel(day: string, from: string, to: string): string {
	return from.slice(0, 4) === to.slice(0, 4) ? day.slice(5) : day;
}
