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

const day = z
	.string({ message: 'is required (YYYY-MM-DD)' })
	.refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' });
const queue = z.string().min(1).max(128).optional();

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
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
