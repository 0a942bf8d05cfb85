/**
 * Query parameters of the history API, validated with zod: 400 messages name the parameter
 * ("from: must be a calendar date YYYY-MM-DD, got "2026-02-30"").
 */
import { z } from 'zod';
import { addDays } from '../../metrics/timezone';

/** Longest range a query may span, in days (5 years with leap days). */
export const MAX_RANGE_DAYS = 5 * 366;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date 'YYYY-MM-DD' (no 2026-02-30). */
export function isCalendarDay(s: string): boolean {
	if (!DAY_RE.test(s)) return false;
	try {
		return addDays(s, 0) === s;
	} catch {
		return false;
	}
}

/** The days a query may name: beyond them the date arithmetic leaves what Date can show. */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2999-12-31';

/**
 * True for text PostgreSQL can store and compare: no NUL character, no lone UTF-16 surrogate.
 * Such a name cannot exist in the data; sent to the database it fails as a server error.
 */
export function isStorableText(s: string): boolean {
	return !s.includes('\u0000') && s.isWellFormed();
}

const day = z
	.string({ message: 'is required (YYYY-MM-DD)' })
	.refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' })
	.refine((d) => !isCalendarDay(d) || (d >= FIRST_DAY && d <= LAST_DAY), {
		message: `must be between ${FIRST_DAY} and ${LAST_DAY}`
	});
const queue = z
	.string()
	.min(1)
	.max(128)
	.refine(isStorableText, { message: 'must not contain a NUL character or broken UTF-16' })
	.optional();

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The same calendar day a year before, for 同比 (year on year): 2026-03-01 → 2025-03-01;
 * 29 February → 28 February of the year before.
 */
export function sameDayAYearBefore(day: string): string {
	const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
	const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
	return `${year}-${md}`;
}

/** Zod runs object refinements even when a field failed: check the range only on real days. */
const bothDays = (r: { from: string; to: string }) => isCalendarDay(r.from) && isCalendarDay(r.to);

const range = z
	.object({ from: day, to: day, queue })
	.refine((r) => !bothDays(r) || r.from <= r.to, {
		message: 'must not be after to',
		path: ['from']
	})
	.refine((r) => !bothDays(r) || daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
		message: `range from..to must not exceed 5 years (${MAX_RANGE_DAYS} days)`,
		path: ['to']
	});

export type RangeParams = { from: string; to: string; queue: string | null };
export type DayParams = { day: string; queue: string | null };
export type ParamsResult<T> = { ok: true; value: T } | { ok: false; error: string };

function read(search: URLSearchParams, names: readonly string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const n of names) {
		const v = search.get(n);
		if (v !== null) out[n] = v;
	}
	return out;
}

function fail(error: z.ZodError, raw: Record<string, string>): { ok: false; error: string } {
	return {
		ok: false,
		error: error.issues
			.map((i) => {
				const name = String(i.path[0] ?? '(query)');
				const got = raw[name];
				return `${name}: ${i.message}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`;
			})
			.join('; ')
	};
}

export function parseRange(search: URLSearchParams): ParamsResult<RangeParams> {
	const raw = read(search, ['from', 'to', 'queue']);
	const r = range.safeParse(raw);
	if (!r.success) return fail(r.error, raw);
	return { ok: true, value: { from: r.data.from, to: r.data.to, queue: r.data.queue ?? null } };
}

export function parseDay(search: URLSearchParams): ParamsResult<DayParams> {
	const raw = read(search, ['day', 'queue']);
	const r = z.object({ day, queue }).safeParse(raw);
	if (!r.success) return fail(r.error, raw);
	return { ok: true, value: { day: r.data.day, queue: r.data.queue ?? null } };
}
