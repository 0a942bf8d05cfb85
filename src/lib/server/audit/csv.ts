/**
 * The audit log as CSV (UTF-8 with BOM, so Excel reads the Chinese names): one row per entry,
 * newest first as listed; times in the wallboard's time zone; the detail as text. Pure.
 */
import type { AuditEntry } from './entry';

const BOM = '\uFEFF';

export type AuditCsvHeaders = {
	at: string;
	actor: string;
	actorKind: string;
	action: string;
	target: string;
	detail: string;
};

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. A leading = + - @ is prefixed with ' (no formulas in Excel). */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** 'YYYY-MM-DD HH:mm:ss' of `iso` in `timezone`. */
export function localTime(iso: string, timezone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: timezone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(iso));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** `describe`: the detail as text (the page's describeDetail, src/lib/client/audit-detail.ts). */
export function auditCsv(
	entries: readonly AuditEntry[],
	headers: AuditCsvHeaders,
	timezone: string,
	describe: (detail: Record<string, unknown>) => string = (d) => JSON.stringify(d)
): string {
	const rows = [
		[headers.at, headers.actor, headers.actorKind, headers.action, headers.target, headers.detail],
		...entries.map((e) => [
			localTime(e.at, timezone),
			e.actor,
			e.actorKind,
			e.action,
			e.target,
			describe(e.detail)
		])
	];
	return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
