/**
 * The history export as CSV: the report's sections (report.ts) one after another, each with its
 * title line and its header row, in the reader's language; UTF-8 with a BOM so Excel reads the
 * Chinese, CRLF line ends. Figures are rounded as the report says (counts whole, rates "87.5%",
 * seconds whole, changes of rates in percentage points).
 */
import type { HistoryDaily, HistorySummary } from '../../contract/history';
import { formatCell, historyReport, type ReportLocale } from './report';

const BOM = '\uFEFF';

function field(s: string): string {
	// Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
	const safe = /^[=+\-@\t\r]/.test(s) && !/^[+-]\d/.test(s) ? `'${s}` : s;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: readonly string[]) => cells.map(field).join(',');

/** `history_2026-01-01_2026-01-31.csv`, `history_2026-01-01_2026-01-31_general.csv` */
export function exportFileName(
	from: string,
	to: string,
	queue: string | null = null,
	ext: 'csv' | 'xlsx' = 'csv'
): string {
	const q = queue === null ? '' : `_${queue.replace(/[^\p{L}\p{N}_-]/gu, '_')}`;
	return `history_${from}_${to}${q}.${ext}`;
}

export function historyCsv(
	summary: Omit<HistorySummary, 'queryMs'>,
	daily: Omit<HistoryDaily, 'queryMs'>,
	locale: ReportLocale = 'zh-CN'
): string {
	const report = historyReport(summary, daily, locale);
	const out: string[] = [line([report.title])];
	for (const section of report.sections) {
		out.push('');
		out.push(line([section.title]));
		out.push(line(section.header));
		for (const row of section.rows) out.push(line(row.map(formatCell)));
	}
	return BOM + out.join('\r\n') + '\r\n';
}
