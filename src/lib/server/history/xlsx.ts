/**
 * The history export as an Excel workbook (exceljs): one sheet per report section (report.ts),
 * a bold frozen header row, and number formats on the API's exact figures — counts `#,##0`,
 * rates `0.0%` (the cell holds the fraction), seconds `0`, changes of rates in percentage
 * points `+0.0;-0.0;0.0`; an empty cell where the API has null.
 */
import ExcelJS from 'exceljs';
import type { HistoryDaily, HistorySummary } from '../../contract/history';
import { historyReport, type CellKind, type ReportLocale } from './report';

export const NUMBER_FORMATS: Record<Exclude<CellKind, 'text'>, string> = {
	count: '#,##0',
	rate: '0.0%',
	seconds: '0',
	points: '+0.0;-0.0;0.0'
};

/** Excel refuses sheet names with []:*?/\ or longer than 31 characters. */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function historyXlsx(
	summary: Omit<HistorySummary, 'queryMs'>,
	daily: Omit<HistoryDaily, 'queryMs'>,
	locale: ReportLocale = 'zh-CN'
): Promise<Uint8Array<ArrayBuffer>> {
	const report = historyReport(summary, daily, locale);
	const book = new ExcelJS.Workbook();
	book.creator = 'Hotline Wallboard';
	book.title = `${report.title} ${summary.from} – ${summary.to}`;
	for (const section of report.sections) {
		const sheet = book.addWorksheet(sheetName(section.title), {
			views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }]
		});
		const header = sheet.addRow(section.header);
		header.font = { bold: true };
		header.alignment = { vertical: 'middle', wrapText: true };
		for (const cells of section.rows) {
			const row = sheet.addRow(cells.map((c) => c.value));
			cells.forEach((c, i) => {
				if (c.kind !== 'text' && c.value !== null)
					row.getCell(i + 1).numFmt = NUMBER_FORMATS[c.kind];
			});
		}
		sheet.columns.forEach((column, i) => {
			const widest = Math.max(
				...[section.header[i] ?? '', ...section.rows.map((r) => String(r[i]?.value ?? ''))].map(
					(s) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
				)
			);
			column.width = Math.min(Math.max(widest + 2, 10), 40);
		});
	}
	return Uint8Array.from(new Uint8Array(await book.xlsx.writeBuffer()));
}
