/**
 * Date ranges for the manager's history view: a day, a Monday–Sunday (ISO) week, a calendar
 * month, the week or month so far, or a custom span of business days ('YYYY-MM-DD', inclusive).
 * 周 and 月 mean the last COMPLETE week or month (the one a manager reviews); the period in
 * progress is asked for explicitly (本周至今 / 本月至今). Pure: "today" is an argument (the
 * server's business day in WALLBOARD_TIMEZONE), never the browser's clock or zone. A calendar
 * date's weekday and month do not depend on any zone, so the arithmetic runs on UTC dates.
 */
import { addDays } from '../metrics/timezone';

export const RANGE_VIEWS = ['day', 'week', 'month', 'weekToDate', 'monthToDate', 'custom'] as const;
export type RangeView = (typeof RANGE_VIEWS)[number];
export type DayRange = { view: RangeView; from: string; to: string };

/** The longest range the page asks for: five years with leap days, as the history API allows. */
export const MAX_RANGE_DAYS = 5 * 366;

/** Why a range from the URL or the custom inputs was refused (an i18n key under manager.range). */
export type RangeProblem = 'badDate' | 'reversed' | 'tooLong' | 'future';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function utc(day: string): Date {
	const m = DAY_RE.exec(day);
	if (m === null) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
	return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function format(date: Date): string {
	const yyyy = String(date.getUTCFullYear()).padStart(4, '0');
	const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
	const dd = String(date.getUTCDate()).padStart(2, '0');
	return `${yyyy}-${mm}-${dd}`;
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2026-02-30' is not one). */
export function isDay(value: unknown): value is string {
	if (typeof value !== 'string' || !DAY_RE.test(value)) return false;
	return format(utc(value)) === value;
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
	return ((utc(day).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week that contains `day`. */
export function startOfWeek(day: string): string {
	return addDays(day, 1 - isoWeekday(day));
}

export function startOfMonth(day: string): string {
	return `${day.slice(0, 8)}01`;
}

export function endOfMonth(day: string): string {
	const d = utc(day);
	return format(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** Days in [from, to], both included: ('2026-11-01', '2026-11-01') → 1. */
export function dayCount(from: string, to: string): number {
	return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY_MS) + 1;
}

const earlier = (a: string, b: string) => (a <= b ? a : b);

/** The week (Monday–Sunday) that contains `day`. */
function weekOf(day: string): DayRange {
	const from = startOfWeek(day);
	return { view: 'week', from, to: addDays(from, 6) };
}

function monthOf(day: string): DayRange {
	return { view: 'month', from: startOfMonth(day), to: endOfMonth(day) };
}

/** The last complete week before `today`: the week before today's (today is never over). */
export function lastCompleteWeek(today: string): DayRange {
	return weekOf(addDays(startOfWeek(today), -7));
}

/** The last complete month before `today`: the month before today's. */
export function lastCompleteMonth(today: string): DayRange {
	return monthOf(addDays(startOfMonth(today), -1));
}

/**
 * The `view` period for `anchor` (the last day the manager was looking at):
 * - `week` / `month`: the complete period that contains `anchor`, or, when that period is not
 *   over yet (it contains `today`), the last complete one before it;
 * - `weekToDate` / `monthToDate`: today's week or month from its first day to today;
 * - `day` and `custom`: the single day `anchor`.
 */
export function rangeAround(view: RangeView, anchor: string, today: string): DayRange {
	if (view === 'week') {
		const week = weekOf(anchor);
		return week.to >= today ? lastCompleteWeek(today) : week;
	}
	if (view === 'month') {
		const month = monthOf(anchor);
		return month.to >= today ? lastCompleteMonth(today) : month;
	}
	if (view === 'weekToDate') return { view, from: startOfWeek(today), to: today };
	if (view === 'monthToDate') return { view, from: startOfMonth(today), to: today };
	return { view, from: anchor, to: anchor };
}

/** What a manager meets on: yesterday. */
export function defaultRange(today: string): DayRange {
	return rangeAround('day', addDays(today, -1), today);
}

/**
 * The period before (`step` −1) or after (+1) `range`, by its unit: the day, the complete week or
 * month before or after (never one still in progress: that is `weekToDate`/`monthToDate`); a
 * custom range moves by its own length. Before a week or month so far comes the last complete
 * one. `null` when there is none (after the last complete period, after today).
 */
export function shiftRange(range: DayRange, step: -1 | 1, today: string): DayRange | null {
	let next: DayRange;
	if (range.view === 'day') {
		next = { view: 'day', from: addDays(range.from, step), to: addDays(range.from, step) };
	} else if (range.view === 'week' || range.view === 'weekToDate') {
		if (range.view === 'weekToDate' && step > 0) return null;
		next = weekOf(addDays(startOfWeek(range.from), range.view === 'weekToDate' ? -7 : 7 * step));
		if (next.to >= today) return null;
	} else if (range.view === 'month' || range.view === 'monthToDate') {
		if (range.view === 'monthToDate' && step > 0) return null;
		const anchor =
			step < 0 ? addDays(startOfMonth(range.from), -1) : addDays(endOfMonth(range.from), 1);
		next = monthOf(anchor);
		if (next.to >= today) return null;
	} else {
		const n = dayCount(range.from, range.to) * step;
		next = { view: 'custom', from: addDays(range.from, n), to: addDays(range.to, n) };
		next.to = earlier(next.to, today);
	}
	return next.from > today ? null : next;
}

/** A custom range's problem, or null when it can be asked for. */
export function checkRange(from: string, to: string, today: string): RangeProblem | null {
	if (!isDay(from) || !isDay(to)) return 'badDate';
	if (from > to) return 'reversed';
	if (from > today) return 'future';
	if (dayCount(from, earlier(to, today)) > MAX_RANGE_DAYS) return 'tooLong';
	return null;
}

/**
 * The range a URL asks for (`?view=&from=&to=`), or the default with the problem found. A `to`
 * after today is clamped to today; a missing `to` means `from`; a missing or unknown `view`
 * is `day` for one day and `custom` otherwise.
 */
export function parseRange(
	params: URLSearchParams,
	today: string
): { range: DayRange; problem: RangeProblem | null } {
	const from = params.get('from');
	if (from === null || from === '') return { range: defaultRange(today), problem: null };
	const to = params.get('to') || from;
	const problem = checkRange(from, to, today);
	if (problem !== null) return { range: defaultRange(today), problem };
	const clamped = earlier(to, today);
	const asked = params.get('view');
	const known = (RANGE_VIEWS as readonly string[]).includes(asked ?? '');
	const oneDay = from === clamped;
	// A "day" that spans several days is a custom range.
	const view: RangeView =
		known && !(asked === 'day' && !oneDay) ? (asked as RangeView) : oneDay ? 'day' : 'custom';
	return { range: { view, from, to: clamped }, problem: null };
}

/** The URL query of a range, in a stable order: "view=day&from=…&to=…". */
export function rangeQuery(range: DayRange): string {
	return `view=${range.view}&from=${range.from}&to=${range.to}`;
}
