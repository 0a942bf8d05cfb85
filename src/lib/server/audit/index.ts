/**
 * The audit log feature: `record()` writes who changed what (thresholds, users, displays,
 * sources; boards and screens when they land), `list()` reads it back newest first with filters
 * (/admin/audit and its CSV export). One table, `audit_log` (db/audit-schema.ts). See README.md
 * for the call a new feature makes.
 */
import { and, desc, gte, ilike, like, lt, sql, type SQL } from 'drizzle-orm';
import { addDays } from '../../metrics/timezone';
import { auditLog } from '../db/audit-schema';
import type { StoreDatabase } from '../db/drizzle-store';
import type { Logger } from '../logger';
import {
	actorOf,
	AUDIT_ACTION_PATTERN,
	type AuditEntry,
	type AuditFilter,
	type AuditRecord
} from './entry';

export { AUDIT_AREAS, actorOf, parseAuditFilter } from './entry';
export type { AuditActor, AuditEntry, AuditFilter, AuditRecord } from './entry';
export { changesBetween, type Change } from './changes';
export { auditCsv, type AuditCsvHeaders } from './csv';

/** Entries per page of the list. */
export const AUDIT_PAGE_SIZE = 200;
/** At most this many entries in one CSV export. */
export const AUDIT_EXPORT_MAX = 50_000;
/** A target or actor name is cut to this length. */
const NAME_MAX = 200;

export interface Audit {
	/**
	 * Writes one entry, `at` = now. Call it after the change succeeded. A failure to write is
	 * logged at error level with the whole record and does not undo or fail the change (the
	 * change already happened; the log line keeps the trace).
	 */
	record(entry: AuditRecord): Promise<void>;
	/** Newest first, at most `limit` (AUDIT_PAGE_SIZE). */
	list(filter?: AuditFilter, limit?: number): Promise<AuditEntry[]>;
	close(): Promise<void>;
}

export function createAudit(deps: {
	db: StoreDatabase;
	now: () => number;
	logger: Logger;
	/** WALLBOARD_TIMEZONE: the filter's days are business days. */
	timezone: string;
}): Audit {
	const { db, now, logger, timezone } = deps;
	const pending = new Set<Promise<void>>();
	let closed = false;

	/** 00:00 of business day `day` in the zone (offsets within ±12 h). */
	const dayStart = (day: string) => {
		const noonUtc = Date.parse(`${day}T12:00:00Z`);
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			hourCycle: 'h23',
			hour: '2-digit',
			minute: '2-digit'
		}).formatToParts(noonUtc);
		const h = Number(parts.find((p) => p.type === 'hour')?.value);
		const m = Number(parts.find((p) => p.type === 'minute')?.value);
		// Local time at 12:00 UTC is 12:00 + offset; local midnight is that minus h:m.
		const offsetMin = h * 60 + m - 12 * 60;
		return Date.parse(`${day}T00:00:00Z`) - offsetMin * 60_000;
	};

	async function write(entry: AuditRecord) {
		if (!AUDIT_ACTION_PATTERN.test(entry.action)) {
			throw new Error(
				`audit: action must be "area.verb" in lower case, got ${JSON.stringify(entry.action)}`
			);
		}
		const who = actorOf(entry.actor);
		try {
			await db.insert(auditLog).values({
				at: new Date(now()),
				actorKind: who.actorKind,
				actorId: who.actorId,
				actor: who.actor.slice(0, NAME_MAX),
				action: entry.action,
				target: entry.target.slice(0, NAME_MAX),
				detail: entry.detail ?? {}
			});
		} catch (err) {
			logger.error(
				{ err, audit: { ...who, ...entry, actor: undefined } },
				'writing the audit log failed'
			);
		}
	}

	return {
		record(entry) {
			if (closed) {
				logger.error(
					{ audit: { ...entry, actor: actorOf(entry.actor) } },
					'audit record after close'
				);
				return Promise.resolve();
			}
			const p = write(entry).finally(() => pending.delete(p));
			pending.add(p);
			return p;
		},

		async list(filter = {}, limit = AUDIT_PAGE_SIZE) {
			const where: SQL[] = [];
			if (filter.area) where.push(like(auditLog.action, `${filter.area}.%`));
			if (filter.actor) where.push(sql`lower(${auditLog.actor}) = ${filter.actor.toLowerCase()}`);
			if (filter.target) {
				const escaped = filter.target.replace(/[\\%_]/g, (c) => `\\${c}`);
				where.push(ilike(auditLog.target, `%${escaped}%`));
			}
			if (filter.from) where.push(gte(auditLog.at, new Date(dayStart(filter.from))));
			if (filter.to) where.push(lt(auditLog.at, new Date(dayStart(addDays(filter.to, 1)))));
			if (filter.before) where.push(lt(auditLog.id, filter.before));
			const rows = await db
				.select()
				.from(auditLog)
				.where(where.length ? and(...where) : undefined)
				.orderBy(desc(auditLog.id))
				.limit(limit);
			return rows.map((r) => ({
				id: r.id,
				at: r.at.toISOString(),
				actorKind: r.actorKind === 'user' || r.actorKind === 'display' ? r.actorKind : 'system',
				actor: r.actor,
				action: r.action,
				target: r.target,
				detail: r.detail
			}));
		},

		async close() {
			closed = true;
			await Promise.allSettled([...pending]);
		}
	};
}
