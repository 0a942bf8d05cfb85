/**
 * Retention: raw events older than EVENTS_RETENTION_DAYS leave the `events` table in batches; the
 * history rollups (history-schema.ts) are kept forever, since they are written in the append's
 * own transaction and never read the raw events again.
 *
 * "Older" counts from both the event's own time and the time it was stored (`received_at`): the
 * row is the idempotency key, so an event of 1999 imported today must stay for the retention
 * period, or a re-sent line or a re-import would be accepted again and counted twice in the
 * rollups. The walk goes by `seq` (insertion order), which is the order the rows become due.
 *
 * A batched delete rather than monthly partitions: the event id is the idempotency key and must
 * stay unique across the whole table, and a partitioned table's unique index must contain the
 * partition key (`at`), so partitioning would give up the table-wide de-duplication (or need a
 * second, unpartitioned id table, and a rewrite of a table that already holds years). The delete
 * walks the primary key from the first stored row, so each batch is one short transaction.
 *
 * What the live figures still need is kept whatever its age (restore.ts rules 3–5): an open call's
 * `call.offered`, an undispatched ticket's `ticket.created`, each agent's latest `agent.state`.
 * A call's or ticket's other events leave only after its opening event did, so that no batch can
 * make a finished call look open again.
 *
 * On PGlite the rows leave through an export: each batch is appended (as NDJSON, one event per
 * line, what `npm run import` reads) to `<DATA_DIR>/archive/events-<YYYY-MM>.ndjson` and flushed
 * to disk before its delete commits. On PostgreSQL the rows are deleted; take a `pg_dump` first
 * if the raw events must be kept.
 */
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from '../logger';
import { rowsOf, type StoreDatabase } from './drizzle-store';

export const DAY_MS = 86_400_000;
/** Rows per delete batch. */
export const RETENTION_BATCH_ROWS = 5000;
/** The setting that records how far retention has removed raw events (history backfill reads it). */
export const RETENTION_SETTING = 'events.retention';

/**
 * One batch: deletes up to `limit` events that happened and were stored before `before`;
 * returns their payloads.
 */
async function pruneBatch(
	tx: Pick<StoreDatabase, 'execute'>,
	before: number,
	limit: number
): Promise<string[]> {
	const cutoff = new Date(before).toISOString();
	const result = await tx.execute(sql`
		with doomed as (
			select e.seq from events e
			where e.at < ${cutoff}::timestamptz
				and e.received_at < ${cutoff}::timestamptz
				and case
					when e.type = 'call.offered' then
						exists (
							select 1 from events x
							where x.type in ('call.answered', 'call.abandoned') and x.entity = e.entity
						)
						and not exists (
							select 1 from events x
							where x.type like 'call.%' and x.entity = e.entity and x.at >= ${cutoff}::timestamptz
						)
					when e.type like 'call.%' then
						not exists (
							select 1 from events x where x.type = 'call.offered' and x.entity = e.entity
						)
					when e.type = 'ticket.created' then
						exists (
							select 1 from events x where x.type = 'ticket.dispatched' and x.entity = e.entity
						)
						and not exists (
							select 1 from events x
							where x.type like 'ticket.%' and x.entity = e.entity and x.at >= ${cutoff}::timestamptz
						)
					when e.type like 'ticket.%' then
						not exists (
							select 1 from events x where x.type = 'ticket.created' and x.entity = e.entity
						)
					when e.type = 'agent.state' then
						exists (
							select 1 from events x
							where x.type = 'agent.state' and x.entity = e.entity
								and (x.at > e.at or (x.at = e.at and x.id collate "C" > e.id collate "C"))
						)
					else true
				end
			order by e.seq
			limit ${limit}
		)
		delete from events where seq in (select seq from doomed)
		returning payload::text as payload`);
	return rowsOf<{ payload: string }>(result).map((r) => r.payload);
}

export type PruneOptions = {
	db: StoreDatabase;
	kind: 'pglite' | 'postgres';
	/** Events with `at` before this leave the table. */
	before: number;
	/** PGlite: where the export goes (`<DATA_DIR>/archive`); undefined: no export. */
	archiveDir?: string;
	batchRows?: number;
};

/** Prunes until nothing more can leave; returns the number of events removed. */
export async function pruneEvents(o: PruneOptions): Promise<number> {
	const limit = o.batchRows ?? RETENTION_BATCH_ROWS;
	let removed = 0;
	for (;;) {
		const n = await o.db.transaction(async (tx) => {
			if (o.kind === 'postgres') {
				// One pruner at a time across instances; the others skip this round.
				const lock = await tx.execute(
					sql`select pg_try_advisory_xact_lock(hashtext('wallboard.retention')) as ok`
				);
				if (!rowsOf<{ ok: boolean }>(lock)[0]?.ok) return -1;
			}
			const payloads = await pruneBatch(tx, o.before, limit);
			// Export before the delete commits: a failed write rolls the batch back.
			if (payloads.length > 0 && o.archiveDir) await archive(o.archiveDir, payloads);
			return payloads.length;
		});
		if (n <= 0) break;
		removed += n;
	}
	if (removed > 0) {
		await o.db.execute(sql`
			insert into settings (key, value) values (${RETENTION_SETTING}, ${JSON.stringify({ prunedBefore: new Date(o.before).toISOString() })}::jsonb)
			on conflict (key) do update set value = excluded.value, updated_at = now()`);
	}
	return removed;
}

/** Appends the payloads to one file per month of their `at`, flushed to disk. */
async function archive(dir: string, payloads: string[]): Promise<void> {
	await mkdir(dir, { recursive: true });
	const byMonth = new Map<string, string[]>();
	for (const p of payloads) {
		const at = (JSON.parse(p) as { at: number }).at;
		const month = new Date(at).toISOString().slice(0, 7);
		const list = byMonth.get(month) ?? [];
		list.push(p);
		byMonth.set(month, list);
	}
	for (const [month, lines] of byMonth) {
		const file = await open(path.join(dir, `events-${month}.ndjson`), 'a');
		try {
			await file.writeFile(lines.join('\n') + '\n');
			await file.sync();
		} finally {
			await file.close();
		}
	}
}

export interface Retention {
	/** One pass now; resolves to the events removed. */
	runOnce(): Promise<number>;
	close(): Promise<void>;
}

/** Runs a pass FIRST_RUN_MS after the start and then every `intervalMs` (default: hourly). */
export function createRetention(o: {
	db: StoreDatabase;
	kind: 'pglite' | 'postgres';
	retentionDays: number;
	dataDir: string;
	logger: Logger;
	now: () => number;
	intervalMs?: number;
	firstRunMs?: number;
}): Retention {
	let running: Promise<number> | undefined;
	let closed = false;
	const runOnce = () => {
		running ??= (async () => {
			const before = o.now() - o.retentionDays * DAY_MS;
			const started = Date.now();
			try {
				const removed = await pruneEvents({
					db: o.db,
					kind: o.kind,
					before,
					archiveDir: o.kind === 'pglite' ? path.join(o.dataDir, 'archive') : undefined
				});
				if (removed > 0) {
					o.logger.info(
						{ removed, before: new Date(before).toISOString(), ms: Date.now() - started },
						'retention: raw events removed'
					);
				}
				return removed;
			} catch (err) {
				if (!closed) o.logger.warn({ err: String(err) }, 'retention pass failed; retrying later');
				return 0;
			} finally {
				running = undefined;
			}
		})();
		return running;
	};
	const first = setTimeout(() => void runOnce(), o.firstRunMs ?? 10_000);
	const every = setInterval(() => void runOnce(), o.intervalMs ?? 3_600_000);
	first.unref();
	every.unref();
	return {
		runOnce,
		async close() {
			closed = true;
			clearTimeout(first);
			clearInterval(every);
			await running;
		}
	};
}
