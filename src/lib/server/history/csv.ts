/**
 * The history export: one CSV (UTF-8 with BOM, so Excel reads the Chinese names) with sections
 * KPIs, by queue, by category, by district, by department, daily. Every number is the API's
 * (summary and daily for the same range), written as JavaScript prints it; rates are fractions,
 * an empty cell where the API has null.
 */
import type {
	CallTotals,
	HistoryDaily,
	HistorySummary,
	TicketTotals
} from '../../contract/history';

const BOM = '\uFEFF';

export const CALL_COLUMNS = [
	'offered',
	'answered',
	'answeredWithinTarget',
	'abandoned',
	'waitSecondsSum',
	'talkSecondsSum',
	'ended',
	'serviceLevel',
	'answerRate',
	'abandonRate',
	'asaSeconds',
	'ahtSeconds'
] as const satisfies readonly (keyof CallTotals)[];

export const TICKET_COLUMNS = [
	'created',
	'dispatched',
	'dispatchedOnTime',
	'dispatchedLate',
	'onTimeRate',
	'feedbackResolved',
	'feedbackUnresolvable',
	'feedbackUnreasonable',
	'surveyed',
	'responded',
	'resolved',
	'satisfied',
	'responseRate',
	'resolutionRate',
	'satisfactionRate'
] as const;

type Cell = string | number | null;

function cell(v: Cell): string {
	if (v === null) return '';
	if (typeof v === 'number') return String(v);
	// Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
	const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: readonly Cell[]) => cells.map(cell).join(',');

function ticketCells(t: TicketTotals): Cell[] {
	return TICKET_COLUMNS.map((c) => {
		if (c === 'feedbackResolved') return t.feedback.resolved;
		if (c === 'feedbackUnresolvable') return t.feedback.unresolvable;
		if (c === 'feedbackUnreasonable') return t.feedback.unreasonable;
		return t[c];
	});
}

const callCells = (c: CallTotals): Cell[] => CALL_COLUMNS.map((k) => c[k]);

/** `history_2026-01-01_2026-01-31.csv` */
export function exportFileName(from: string, to: string): string {
	return `history_${from}_${to}.csv`;
}

export function historyCsv(summary: HistorySummary, daily: HistoryDaily): string {
	const out: string[] = [];
	out.push(line(['section', '热线历史 Hotline history']));
	out.push(line(['from', summary.from]));
	out.push(line(['to', summary.to]));
	out.push(line(['timezone', summary.timezone]));
	out.push(line(['previousFrom', summary.previous.from]));
	out.push(line(['previousTo', summary.previous.to]));
	out.push('');

	out.push(line(['section', '关键指标 KPIs']));
	out.push(line(['metric', 'value', 'previous', 'target']));
	const t = summary.targets;
	const kpiTargets: Partial<Record<string, number>> = {
		serviceLevel: t.serviceLevel,
		answerRate: t.answerRate,
		onTimeRate: t.onTimeRate
	};
	for (const k of CALL_COLUMNS) {
		out.push(
			line([`calls.${k}`, summary.calls.all[k], summary.previous.calls[k], kpiTargets[k] ?? null])
		);
	}
	const now = ticketCells(summary.tickets.all);
	const prev = ticketCells(summary.previous.tickets);
	TICKET_COLUMNS.forEach((k, i) => {
		out.push(line([`tickets.${k}`, now[i] ?? null, prev[i] ?? null, kpiTargets[k] ?? null]));
	});
	out.push(line(['serviceLevelSeconds', t.serviceLevelSeconds, null, null]));
	out.push('');

	out.push(line(['section', '按队列 By queue']));
	out.push(line(['queue', ...CALL_COLUMNS]));
	for (const [queue, c] of Object.entries(summary.calls.byQueue))
		out.push(line([queue, ...callCells(c)]));
	out.push('');

	for (const [title, key, rows] of [
		['按类别 By category', 'category', summary.tickets.byCategory],
		['按区 By district', 'district', summary.tickets.byDistrict],
		['按承办单位 By department', 'department', summary.tickets.byDepartment]
	] as const) {
		out.push(line(['section', title]));
		out.push(line([key, ...TICKET_COLUMNS]));
		for (const [name, tt] of Object.entries(rows)) out.push(line([name, ...ticketCells(tt)]));
		out.push('');
	}

	out.push(line(['section', '每日 Daily']));
	out.push(
		line([
			'day',
			...CALL_COLUMNS.map((c) => `calls.${c}`),
			...TICKET_COLUMNS.map((c) => `tickets.${c}`)
		])
	);
	for (const d of daily.days)
		out.push(line([d.day, ...callCells(d.calls), ...ticketCells(d.tickets)]));
	return BOM + out.join('\r\n') + '\r\n';
}
