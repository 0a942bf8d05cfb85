/**
 * Query parameters of GET /api/v1/history/topic-trend: `topic` (required), `months` (1–60,
 * default 12) and `to` (a day of the last month, default the server's business day). 400
 * messages name the parameter.
 */
import { z } from 'zod';
import { isCalendarDay } from '../history/params';

export const MAX_TREND_MONTHS = 60;

const schema = z.object({
	topic: z.string({ message: 'is required' }).min(1, { message: 'is required' }).max(64),
	months: z
		.string()
		.regex(/^\d{1,3}$/, { message: 'must be a whole number of months' })
		.transform(Number)
		.refine((n) => n >= 1 && n <= MAX_TREND_MONTHS, {
			message: `must be between 1 and ${MAX_TREND_MONTHS}`
		})
		.optional(),
	to: z.string().refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' }).optional()
});

export type TrendParams = { topic: string; months: number; to: string };

export function parseTrend(
	search: URLSearchParams,
	today: string
): { ok: true; value: TrendParams } | { ok: false; error: string } {
	const raw: Record<string, string> = {};
	for (const n of ['topic', 'months', 'to']) {
		const v = search.get(n);
		if (v !== null) raw[n] = v;
	}
	const r = schema.safeParse(raw);
	if (!r.success) {
		return {
			ok: false,
			error: r.error.issues
				.map((i) => {
					const name = String(i.path[0] ?? '(query)');
					const got = raw[name];
					return `${name}: ${i.message}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`;
				})
				.join('; ')
		};
	}
	return {
		ok: true,
		value: { topic: r.data.topic, months: r.data.months ?? 12, to: r.data.to ?? today }
	};
}
