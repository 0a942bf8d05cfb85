/**
 * The history report: the summary and the daily rows of a range as titled sections of typed
 * cells, in the reader's language (zh-CN by default, en), for the CSV (csv.ts) and the Excel
 * workbook (xlsx.ts). Pure. Cells carry their kind, so each format rounds and formats the same
 * figure the same way: counts as integers, rates as percentages with one decimal, seconds as
 * whole seconds, changes of rates in percentage points. Every figure is the API's (summary and
 * daily for the same range and queue), only rounded.
 */
import { CATEGORIES } from '../../contract/events';
import type {
	CallTotals,
	HistoryDaily,
	HistorySummary,
	TicketTotals
} from '../../contract/history';
import en from '../../client/messages/en.json';
import zhCN from '../../client/messages/zh-CN.json';

export type ReportLocale = 'zh-CN' | 'en';
/** `?lang=` → the report's language: en for 'en…', else zh-CN. */
export function reportLocale(lang: string | null): ReportLocale {
	return lang?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export type CellKind = 'text' | 'count' | 'rate' | 'seconds' | 'points';
export type Cell = { kind: CellKind; value: string | number | null };
export type ReportSection = {
	key: 'info' | 'kpis' | 'byQueue' | 'byCategory' | 'byDistrict' | 'byDepartment' | 'daily';
	title: string;
	header: string[];
	rows: Cell[][];
};
export type Report = { title: string; sections: ReportSection[] };

const text = (value: string | null): Cell => ({ kind: 'text', value });
const count = (value: number | null): Cell => ({ kind: 'count', value });
const rate = (value: number | null): Cell => ({ kind: 'rate', value });
const seconds = (value: number | null): Cell => ({ kind: 'seconds', value });

type Labels = (typeof zhCN)['manager']['report'];
const LABELS: Record<ReportLocale, Labels> = {
	'zh-CN': zhCN.manager.report,
	en: en.manager.report
};
const CATEGORY_NAMES: Record<ReportLocale, Record<string, string>> = {
	'zh-CN': zhCN.category,
	en: en.category
};

type Column<T> = { label: keyof Labels['columns']; cell: (t: T) => Cell };

const CALL_COLUMNS: Column<CallTotals>[] = [
	{ label: 'offered', cell: (c) => count(c.offered) },
	{ label: 'answered', cell: (c) => count(c.answered) },
	{ label: 'answeredWithinTarget', cell: (c) => count(c.answeredWithinTarget) },
	{ label: 'abandoned', cell: (c) => count(c.abandoned) },
	{ label: 'serviceLevel', cell: (c) => rate(c.serviceLevel) },
	{ label: 'answerRate', cell: (c) => rate(c.answerRate) },
	{ label: 'abandonRate', cell: (c) => rate(c.abandonRate) },
	{ label: 'asaSeconds', cell: (c) => seconds(c.asaSeconds) },
	{ label: 'ahtSeconds', cell: (c) => seconds(c.ahtSeconds) }
];

const TICKET_COLUMNS: Column<TicketTotals>[] = [
	{ label: 'created', cell: (t) => count(t.created) },
	{ label: 'dispatched', cell: (t) => count(t.dispatched) },
	{ label: 'dispatchedOnTime', cell: (t) => count(t.dispatchedOnTime) },
	{ label: 'dispatchedLate', cell: (t) => count(t.dispatchedLate) },
	{ label: 'onTimeRate', cell: (t) => rate(t.onTimeRate) },
	{ label: 'closed', cell: (t) => count(t.completion.closed) },
	{ label: 'completionRate', cell: (t) => rate(t.completion.completionRate) },
	{ label: 'feedbackResolved', cell: (t) => count(t.feedback.resolved) },
	{ label: 'feedbackUnresolvable', cell: (t) => count(t.feedback.unresolvable) },
	{ label: 'feedbackUnreasonable', cell: (t) => count(t.feedback.unreasonable) },
	{ label: 'unresolvableShare', cell: (t) => rate(t.completion.unresolvableShare) },
	{ label: 'unreasonableShare', cell: (t) => rate(t.completion.unreasonableShare) },
	{ label: 'surveyed', cell: (t) => count(t.surveyed) },
	{ label: 'responseRate', cell: (t) => rate(t.responseRate) },
	{ label: 'resolutionRate', cell: (t) => rate(t.resolutionRate) },
	{ label: 'satisfactionRate', cell: (t) => rate(t.satisfactionRate) }
];

/** The change from `before` to `now`: percentage points for rates, the difference otherwise. */
function change(now: Cell, before: Cell): Cell {
	if (typeof now.value !== 'number' || typeof before.value !== 'number') {
		return { kind: now.kind === 'rate' ? 'points' : now.kind, value: null };
	}
	if (now.kind === 'rate') return { kind: 'points', value: (now.value - before.value) * 100 };
	return { kind: now.kind, value: now.value - before.value };
}

export function historyReport(
	summary: Omit<HistorySummary, 'queryMs'>,
	daily: Omit<HistoryDaily, 'queryMs'>,
	locale: ReportLocale = 'zh-CN'
): Report {
	const L = LABELS[locale];
	const col = (c: { label: keyof Labels['columns'] }) => L.columns[c.label];
	const queueName = summary.queue ?? L.allQueues;

	const info: ReportSection = {
		key: 'info',
		title: L.sections.info,
		header: [L.info.item, L.info.value],
		rows: [
			[text(L.info.range), text(`${summary.from} – ${summary.to}`)],
			[text(L.info.timezone), text(summary.timezone)],
			[text(L.info.queue), text(queueName)],
			[text(L.info.previous), text(`${summary.previous.from} – ${summary.previous.to}`)],
			[text(L.info.yearAgo), text(`${summary.yearAgo.from} – ${summary.yearAgo.to}`)],
			[text(L.info.serviceLevelSeconds), seconds(summary.targets.serviceLevelSeconds)],
			...(summary.queue === null ? [] : [[text(L.info.note), text(L.info.queueNote)]])
		]
	};

	const t = summary.targets;
	const targets: Partial<Record<string, number>> = {
		serviceLevel: t.serviceLevel,
		answerRate: t.answerRate,
		abandonRate: 1 - t.answerRate,
		onTimeRate: t.onTimeRate
	};
	const kpiRows = <T>(columns: Column<T>[], now: T, previous: T, yearAgo: T): Cell[][] =>
		columns.map((c) => {
			const [a, p, y] = [c.cell(now), c.cell(previous), c.cell(yearAgo)];
			const target = targets[c.label];
			return [
				text(col(c)),
				a,
				p,
				change(a, p),
				y,
				change(a, y),
				target === undefined ? text(null) : rate(target)
			];
		});
	const kpis: ReportSection = {
		key: 'kpis',
		title: L.sections.kpis,
		header: [
			L.kpi.metric,
			L.kpi.value,
			L.kpi.previous,
			L.kpi.previousChange,
			L.kpi.yearAgo,
			L.kpi.yearAgoChange,
			L.kpi.target
		],
		rows: [
			...kpiRows(CALL_COLUMNS, summary.calls.all, summary.previous.calls, summary.yearAgo.calls),
			...kpiRows(
				TICKET_COLUMNS,
				summary.tickets.all,
				summary.previous.tickets,
				summary.yearAgo.tickets
			)
		]
	};

	const table = <T>(
		key: ReportSection['key'],
		first: string,
		columns: Column<T>[],
		rows: Array<[string, T]>
	): ReportSection => ({
		key,
		title: L.sections[key],
		header: [first, ...columns.map(col)],
		rows: rows.map(([name, v]) => [text(name), ...columns.map((c) => c.cell(v))])
	});

	return {
		title: L.title,
		sections: [
			info,
			kpis,
			table('byQueue', L.columns.queue, CALL_COLUMNS, Object.entries(summary.calls.byQueue)),
			table(
				'byCategory',
				L.columns.category,
				TICKET_COLUMNS,
				CATEGORIES.map((c) => [CATEGORY_NAMES[locale][c] ?? c, summary.tickets.byCategory[c]])
			),
			table(
				'byDistrict',
				L.columns.district,
				TICKET_COLUMNS,
				Object.entries(summary.tickets.byDistrict)
			),
			table(
				'byDepartment',
				L.columns.department,
				TICKET_COLUMNS,
				Object.entries(summary.tickets.byDepartment)
			),
			{
				key: 'daily',
				title: L.sections.daily,
				header: [
					L.columns.day,
					...CALL_COLUMNS.map(col),
					...TICKET_COLUMNS.map((c) => `${L.ticketPrefix}${col(c)}`)
				],
				rows: daily.days.map((d) => [
					text(d.day),
					...CALL_COLUMNS.map((c) => c.cell(d.calls)),
					...TICKET_COLUMNS.map((c) => c.cell(d.tickets))
				])
			}
		]
	};
}

/**
 * A cell as the CSV writes it: counts as integers, rates as "87.5%", seconds whole, points with
 * one decimal and a sign ("+1.2"); '' for no value.
 */
export function formatCell(c: Cell): string {
	if (c.value === null) return '';
	if (typeof c.value === 'string') return c.value;
	switch (c.kind) {
		case 'rate':
			return `${(c.value * 100).toFixed(1)}%`;
		case 'points': {
			const v = Math.round(c.value * 10) / 10;
			return `${v > 0 ? '+' : ''}${(v === 0 ? 0 : v).toFixed(1)}`;
		}
		case 'seconds':
		case 'count':
			return String(Math.round(c.value) || 0);
		default:
			return String(c.value);
	}
}
