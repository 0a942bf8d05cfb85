/**
 * The assessment's queries over the assessment rollups (db/assessment-schema.ts): survey counts
 * of a range per district, per street (within its district), per department, and created per
 * topic, in one statement with grouping sets over whole months (monthly table) and the days at
 * either end (daily table); the topic trend from the monthly table.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SurveyCounts, UnitCounts } from '../../metrics/assessment';
import type { Executor } from '../db/history';
import { addMonths, splitByMonths } from './months';

export type RangeCounts = {
	all: SurveyCounts;
	districts: UnitCounts[];
	streets: UnitCounts[];
	departments: UnitCounts[];
	topics: { topic: string; created: number; surveyed: number }[];
};

export type MonthCounts = { month: string; created: number } & SurveyCounts;

const COUNTS = sql.raw('created, surveyed, responded, resolved, satisfied');
const SUMS = sql.raw(
	['created', 'surveyed', 'responded', 'resolved', 'satisfied']
		.map((k) => `coalesce(sum(${k}), 0)::float8 as ${k}`)
		.join(', ')
);

type Row = { g: number; district: string; street: string; department: string; topic: string } & {
	created: number;
} & SurveyCounts;

function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

const counts = (r: SurveyCounts): SurveyCounts => ({
	surveyed: Number(r.surveyed),
	responded: Number(r.responded),
	resolved: Number(r.resolved),
	satisfied: Number(r.satisfied)
});

export async function countsIn(db: Executor, from: string, to: string): Promise<RangeCounts> {
	const split = splitByMonths(from, to);
	const parts: SQL[] = [];
	const keys = sql.raw('district, street, department, topic');
	if (split.months !== null) {
		parts.push(sql`
			select ${keys}, ${COUNTS} from history_assessment_monthly
			where month >= ${split.months.from}::date and month < ${split.months.until}::date`);
	}
	for (const d of split.days) {
		parts.push(sql`
			select ${keys}, ${COUNTS} from history_assessment_daily
			where day between ${d.from}::date and ${d.to}::date`);
	}
	// grouping(district, street, department, topic): a bit set when the column is NOT grouped by.
	const rows = rowsOf<Row>(
		await db.execute(sql`
			select grouping(district, street, department, topic) as g, ${keys}, ${SUMS}
			from (${sql.join(parts, sql` union all `)}) as t
			group by grouping sets ((), (district), (district, street), (department), (topic))`)
	);
	const out: RangeCounts = {
		all: { surveyed: 0, responded: 0, resolved: 0, satisfied: 0 },
		districts: [],
		streets: [],
		departments: [],
		topics: []
	};
	for (const r of rows) {
		const g = Number(r.g);
		if (g === 0b1111) out.all = counts(r);
		else if (g === 0b0111) out.districts.push({ name: r.district, ...counts(r) });
		else if (g === 0b0011) {
			// A ticket that names no street is in its district's figures, not in a street's.
			if (r.street !== '') out.streets.push({ name: r.street, district: r.district, ...counts(r) });
		} else if (g === 0b1101) {
			// Not dispatched: no department to hold to account.
			if (r.department !== '') out.departments.push({ name: r.department, ...counts(r) });
		} else if (g === 0b1110 && r.topic !== '') {
			out.topics.push({ topic: r.topic, created: Number(r.created), surveyed: Number(r.surveyed) });
		}
	}
	out.topics.sort((a, b) => b.created - a.created || (a.topic < b.topic ? -1 : 1));
	return out;
}

/** One row per month of the `months` months ending with the month of `to`, oldest first. */
export async function topicMonths(
	db: Executor,
	topic: string,
	months: number,
	to: string
): Promise<MonthCounts[]> {
	const first = addMonths(to, -(months - 1));
	const until = addMonths(to, 1);
	const rows = rowsOf<MonthCounts>(
		await db.execute(sql`
			select to_char(month, 'YYYY-MM') as month, ${SUMS} from history_assessment_monthly
			where topic = ${topic} and month >= ${first}::date and month < ${until}::date
			group by month`)
	);
	const byMonth = new Map(rows.map((r) => [r.month, r]));
	return Array.from({ length: months }, (_, i) => {
		const month = addMonths(first, i).slice(0, 7);
		const r = byMonth.get(month);
		return {
			month,
			created: Number(r?.created ?? 0),
			...counts(r ?? { surveyed: 0, responded: 0, resolved: 0, satisfied: 0 })
		};
	});
}
