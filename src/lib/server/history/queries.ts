/**
 * The history API's queries over the rollup tables (db/history-schema.ts). Long ranges read the
 * coarse tables: calls per day, tickets per month (whole months) plus per day (the partial months
 * at either end), ticket totals per day for the daily series.
 */
import { sql, type SQL } from 'drizzle-orm';
import { CATEGORIES, type Category } from '../../contract/events';
import type {
	HistoryDaily,
	HistoryIntraday,
	HistorySummary,
	IntradayPoint
} from '../../contract/history';
import { addDays } from '../../metrics/timezone';
import {
	CALL_COUNT_KEYS,
	TICKET_COUNT_KEYS,
	type CallCounts,
	type TicketCounts
} from '../../metrics/rollup';
import type { Executor } from '../db/history';
import { daysBetween, sameDayAYearBefore } from './params';
import { callTotals, ticketTotals } from './totals';

export type HistoryTargets = HistorySummary['targets'];

export interface HistoryQueries {
	/** `queue`: the call figures of that queue only (tickets have no queue); null: the hall's. */
	summary(
		from: string,
		to: string,
		queue?: string | null
	): Promise<Omit<HistorySummary, 'queryMs'>>;
	intraday(day: string, queue: string | null): Promise<Omit<HistoryIntraday, 'queryMs'>>;
	daily(from: string, to: string, queue: string | null): Promise<Omit<HistoryDaily, 'queryMs'>>;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const sums = (keys: readonly string[]) =>
	sql.raw(keys.map((k) => `coalesce(sum(${snake(k)}), 0)::float8 as "${k}"`).join(', '));
const CALL_SUMS = sums(CALL_COUNT_KEYS);
const TICKET_SUMS = sums(TICKET_COUNT_KEYS);
const TICKET_COLUMNS = sql.raw(TICKET_COUNT_KEYS.map(snake).join(', '));

function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

/** First day of the month of `day`. */
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
/** First day of the month after the month of `day`. */
function nextMonthStart(day: string): string {
	const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
	return m === 12
		? `${String(y + 1).padStart(4, '0')}-01-01`
		: `${day.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The days of [from, to], inclusive. */
export function daysOf(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
	return out;
}

export function createHistoryQueries(
	db: Executor,
	options: { timezone: string; targets: () => HistoryTargets }
): HistoryQueries {
	const { timezone } = options;

	async function callsByQueue(from: string, to: string, queue: string | null = null) {
		const rows = rowsOf<CallCounts & { queue: string }>(
			await db.execute(sql`
				select queue, ${CALL_SUMS} from history_calls_daily
				where day between ${from}::date and ${to}::date
				${queue === null ? sql`` : sql`and queue = ${queue}`}
				group by queue order by queue`)
		);
		return rows;
	}

	function sumCalls(rows: readonly CallCounts[]): CallCounts {
		const t = Object.fromEntries(CALL_COUNT_KEYS.map((k) => [k, 0])) as CallCounts;
		for (const r of rows) for (const k of CALL_COUNT_KEYS) t[k] += r[k];
		return t;
	}

	async function ticketTotalsIn(from: string, to: string): Promise<TicketCounts> {
		const [row] = rowsOf<TicketCounts>(
			await db.execute(sql`
				select ${TICKET_SUMS} from history_tickets_totals_daily
				where day between ${from}::date and ${to}::date`)
		);
		return row as TicketCounts;
	}

	/**
	 * Ticket counts of [from, to] by category, by district and by department: whole months from
	 * the monthly table, the rest from the daily one; one statement with grouping sets.
	 */
	async function ticketBreakdown(from: string, to: string) {
		const firstWhole = from === monthStart(from) ? from : nextMonthStart(from);
		const afterWhole = monthStart(addDays(to, 1)); // first day not inside a whole month
		const parts: SQL[] = [];
		if (firstWhole < afterWhole) {
			parts.push(sql`
				select category, district, department, ${TICKET_COLUMNS} from history_tickets_monthly
				where month >= ${firstWhole}::date and month < ${afterWhole}::date`);
			if (from < firstWhole) {
				parts.push(sql`
					select category, district, department, ${TICKET_COLUMNS} from history_tickets_daily
					where day >= ${from}::date and day < ${firstWhole}::date`);
			}
			if (afterWhole <= to) {
				parts.push(sql`
					select category, district, department, ${TICKET_COLUMNS} from history_tickets_daily
					where day >= ${afterWhole}::date and day <= ${to}::date`);
			}
		} else {
			parts.push(sql`
				select category, district, department, ${TICKET_COLUMNS} from history_tickets_daily
				where day between ${from}::date and ${to}::date`);
		}
		const rows = rowsOf<
			TicketCounts & { g: number; category: string; district: string; department: string }
		>(
			await db.execute(sql`
				select grouping(category, district, department) as g, category, district, department,
					${TICKET_SUMS}
				from (${sql.join(parts, sql` union all `)}) as t
				group by grouping sets ((category), (district), (department))`)
		);
		const byCategory = Object.fromEntries(
			CATEGORIES.map((c) => [c, ticketTotals()])
		) as HistorySummary['tickets']['byCategory'];
		// Names are data (a district may be called "__proto__"): fromEntries makes own fields.
		const districts: Array<[string, ReturnType<typeof ticketTotals>]> = [];
		const departments: Array<[string, ReturnType<typeof ticketTotals>]> = [];
		for (const r of sortedByName(rows)) {
			const g = Number(r.g);
			if (g === 3) byCategory[r.category as Category] = ticketTotals(r);
			else if (g === 5) districts.push([r.district, ticketTotals(r)]);
			else if (g === 6) departments.push([r.department, ticketTotals(r)]);
		}
		return {
			byCategory,
			byDistrict: Object.fromEntries(districts),
			byDepartment: Object.fromEntries(departments)
		};
	}

	return {
		async summary(from, to, queue = null) {
			const n = daysBetween(from, to) + 1;
			const prevFrom = addDays(from, -n);
			const prevTo = addDays(from, -1);
			const yearFrom = sameDayAYearBefore(from);
			const yearTo = sameDayAYearBefore(to);
			const [queues, prevQueues, yearQueues, tickets, prevTickets, yearTickets, breakdown] =
				await Promise.all([
					callsByQueue(from, to, queue),
					callsByQueue(prevFrom, prevTo, queue),
					callsByQueue(yearFrom, yearTo, queue),
					ticketTotalsIn(from, to),
					ticketTotalsIn(prevFrom, prevTo),
					ticketTotalsIn(yearFrom, yearTo),
					ticketBreakdown(from, to)
				]);
			return {
				from,
				to,
				timezone,
				previous: {
					from: prevFrom,
					to: prevTo,
					calls: callTotals(sumCalls(prevQueues)),
					tickets: ticketTotals(prevTickets)
				},
				yearAgo: {
					from: yearFrom,
					to: yearTo,
					calls: callTotals(sumCalls(yearQueues)),
					tickets: ticketTotals(yearTickets)
				},
				queue,
				calls: {
					all: callTotals(sumCalls(queues)),
					byQueue: Object.fromEntries(queues.map((q) => [q.queue, callTotals(q)]))
				},
				tickets: { all: ticketTotals(tickets), ...breakdown },
				targets: options.targets()
			};
		},

		async intraday(day, queue) {
			const series = [
				{ key: 'day' as const, day },
				{ key: 'yesterday' as const, day: addDays(day, -1) },
				{ key: 'lastWeek' as const, day: addDays(day, -7) }
			];
			type Row = Omit<IntradayPoint, 'waitSecondsSum'> & { day: string; waitMsSum: number };
			const rows = rowsOf<Row>(
				await db.execute(sql`
					select day::text as day, minute, ${sums(['offered', 'answered', 'answeredWithinTarget', 'abandoned', 'waitMsSum'])}
					from history_calls_15m
					where day in (${series[0]!.day}::date, ${series[1]!.day}::date, ${series[2]!.day}::date)
					${queue === null ? sql`` : sql`and queue = ${queue}`}
					group by day, minute`)
			);
			const byKey = new Map(rows.map((r) => [`${r.day}/${Number(r.minute)}`, r]));
			return {
				timezone,
				queue,
				series: series.map((s) => ({
					...s,
					points: Array.from({ length: 96 }, (_, i) => {
						const minute = i * 15;
						const r = byKey.get(`${s.day}/${minute}`);
						return {
							minute,
							offered: r?.offered ?? 0,
							answered: r?.answered ?? 0,
							answeredWithinTarget: r?.answeredWithinTarget ?? 0,
							abandoned: r?.abandoned ?? 0,
							waitSecondsSum: (r?.waitMsSum ?? 0) / 1000
						};
					})
				}))
			};
		},

		async daily(from, to, queue) {
			const [calls, tickets] = await Promise.all([
				db.execute(sql`
					select day::text as day, ${CALL_SUMS} from history_calls_daily
					where day between ${from}::date and ${to}::date
					${queue === null ? sql`` : sql`and queue = ${queue}`}
					group by day`),
				db.execute(sql`
					select day::text as day, ${TICKET_SUMS} from history_tickets_totals_daily
					where day between ${from}::date and ${to}::date
					group by day`)
			]);
			const callsByDay = new Map(
				rowsOf<CallCounts & { day: string }>(calls).map((r) => [r.day, r])
			);
			const ticketsByDay = new Map(
				rowsOf<TicketCounts & { day: string }>(tickets).map((r) => [r.day, r])
			);
			return {
				from,
				to,
				timezone,
				queue,
				days: daysOf(from, to).map((day) => ({
					day,
					calls: callTotals(callsByDay.get(day)),
					tickets: ticketTotals(ticketsByDay.get(day))
				}))
			};
		}
	};
}

/** Breakdown rows in a stable order (by name), so the JSON's key order is deterministic. */
function sortedByName<T extends { category: string; district: string; department: string }>(
	rows: T[]
): T[] {
	const name = (r: T) => `${r.category ?? ''}\u0000${r.district ?? ''}\u0000${r.department ?? ''}`;
	return [...rows].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}
