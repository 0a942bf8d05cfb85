/**
 * Calendar arithmetic of the assessment: months of business days ('YYYY-MM-DD'), the previous
 * period of a range, and the split of a range into whole months (monthly table) and the days at
 * either end (daily table).
 */
import { addDays } from '../../metrics/timezone';
import { daysBetween } from '../history/params';

export const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/** First day of the month `n` months after the month of `day` (n may be negative). */
export function addMonths(day: string, n: number): string {
	const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + n;
	const y = Math.floor(index / 12);
	const m = (index % 12) + 1;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/**
 * The period a range is compared with: the whole previous calendar month for a range that starts
 * on the 1st and ends inside the same month (a month, whole or in progress); otherwise the
 * same-length range just before.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
	if (from === monthStart(from) && monthStart(to) === from) {
		return { from: addMonths(from, -1), to: addDays(from, -1) };
	}
	const n = daysBetween(from, to) + 1;
	return { from: addDays(from, -n), to: addDays(from, -1) };
}

export type RangeSplit = {
	/** Whole months [fromMonth, untilMonth) read from the monthly table; null when none. */
	months: { from: string; until: string } | null;
	/** Day ranges (inclusive) read from the daily table. */
	days: { from: string; to: string }[];
};

export function splitByMonths(from: string, to: string): RangeSplit {
	const firstWhole = from === monthStart(from) ? from : addMonths(from, 1);
	const afterWhole = monthStart(addDays(to, 1));
	if (firstWhole >= afterWhole) return { months: null, days: [{ from, to }] };
	const days: { from: string; to: string }[] = [];
	if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
	if (afterWhole <= to) days.push({ from: afterWhole, to });
	return { months: { from: firstWhole, until: afterWhole }, days };
}
