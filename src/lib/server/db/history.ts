/**
 * Keeps the history rollups (history-schema.ts) up to date as events arrive, inside the append's
 * transaction: for every call and ticket touched by newly inserted events, its stored events are
 * loaded, its contribution without the new events retracted and with them added
 * (metrics/rollup.ts), and the summed deltas upserted (one file, ~440 lines: the table specs, the
 * loader and the upserts must agree column for column). Duplicates are never newly inserted, so
 * this is idempotent; the sums never depend on arrival order or chunking.
 *
 * Concurrency (PostgreSQL, several instances): transaction-scoped advisory locks on the touched
 * entities' hash buckets (LOCK_BUCKETS of them, so a batch of any size takes a bounded number of
 * locks: one per entity ran out of lock memory at ~16 k), taken in sorted order after the insert
 * and before the select, make a second writer of the same call or ticket wait until the first
 * commits, then see its events (READ COMMITTED takes
 * a new snapshot per statement). The upserts go in one fixed order (table, then key), so writers
 * that meet on the same rollup rows queue behind each other instead of deadlocking.
 */
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { TicketCreated, TicketFeedback, WallboardEvent } from '../../contract/events';
import type { MetricsConfig } from '../../metrics/config';
import {
	CALL_COUNT_KEYS,
	createRollup,
	reapply,
	RollupDelta,
	TICKET_COUNT_KEYS,
	type CallRollupRow,
	type Rollup,
	type TicketRollupRow
} from '../../metrics/rollup';
import { ASSESSMENT_COUNT_KEYS, type AssessmentRollupRow } from '../../metrics/assessment-rollup';

/** Anything that runs SQL: the database or a transaction. */
export type Executor = Pick<PgDatabase<PgQueryResultHKT, Record<string, never>>, 'execute'>;

/**
 * `set_config` for the rest of the transaction: no sequential scans. The per-entity select must
 * use events_entity_idx; without fresh statistics (a burst into a young table, before autovacuum's
 * analyze) the planner otherwise scans the whole table for every batch (17–35 ms instead of
 * 0.7 ms per 250 calls, growing with the table). Everything else in these transactions is keyed.
 */
export const PLAN_BY_ENTITY_INDEX = sql.raw(`set_config('enable_seqscan', 'off', true)`);

/** Entities per select of their stored events. */
const SELECT_CHUNK_ENTITIES = 2000;
/** Rows per upsert statement (one JSON parameter each). */
const UPSERT_CHUNK_ROWS = 5000;
/** The advisory-lock class of rollup maintenance (first key of the two-key form). */
const LOCK_CLASS = 720_077;
/**
 * Entities share this many lock buckets. Two entities in one bucket only wait for each other. The
 * shared lock table holds max_locks_per_transaction × max_connections (64 × 100 by default), so a
 * full batch's 1024 leaves room for several at once.
 */
export const LOCK_BUCKETS = 1024;

export const CALL_TYPES = ['call.offered', 'call.answered', 'call.abandoned', 'call.ended'];
export const TICKET_TYPES = [
	'ticket.created',
	'ticket.dispatched',
	'ticket.feedback',
	'ticket.survey'
];

export interface HistoryMaintenance {
	readonly rollup: Rollup;
	/** Folds newly inserted events into the rollups; call inside the inserting transaction. */
	apply(tx: Executor, inserted: readonly WallboardEvent[]): Promise<void>;
}

export function createHistoryMaintenance(config: MetricsConfig): HistoryMaintenance {
	const rollup = createRollup(config);

	async function apply(tx: Executor, inserted: readonly WallboardEvent[]): Promise<void> {
		const callIds = new Set<string>();
		const ticketIds = new Set<string>();
		const newIds = new Set<string>();
		for (const e of inserted) {
			if (e.type.startsWith('call.')) callIds.add((e as { callId: string }).callId);
			else if (e.type.startsWith('ticket.')) ticketIds.add((e as { ticketId: string }).ticketId);
			else continue;
			newIds.add(e.id);
		}
		if (newIds.size === 0) return;
		const lockKeys = [
			...[...callIds].map((id) => `c:${id}`),
			...[...ticketIds].map((id) => `t:${id}`)
		];
		await tx.execute(sql`
			select ${PLAN_BY_ENTITY_INDEX}, count(pg_advisory_xact_lock(${LOCK_CLASS}, k))
			from (select distinct hashtext(x) & ${LOCK_BUCKETS - 1} as k from unnest(${textArray(lockKeys)}::text[]) as x order by 1) as s`);

		const delta = new RollupDelta();
		const isNew = (e: WallboardEvent) => newIds.has(e.id);
		for (const events of await loadAll(tx, [...callIds], CALL_TYPES)) {
			reapply(delta, rollup, 'call', events, isNew);
		}
		for (const events of await loadAll(tx, [...ticketIds], TICKET_TYPES)) {
			reapply(delta, rollup, 'ticket', events, isNew);
		}
		await upsertDelta(tx, delta);
	}

	return { rollup, apply };
}

/** Every entity's stored events, one select per {@link SELECT_CHUNK_ENTITIES} entities. */
async function loadAll(
	q: Executor,
	entities: readonly string[],
	types: readonly string[]
): Promise<WallboardEvent[][]> {
	const out: WallboardEvent[][] = [];
	for (let i = 0; i < entities.length; i += SELECT_CHUNK_ENTITIES) {
		const byEntity = await loadEntities(q, entities.slice(i, i + SELECT_CHUNK_ENTITIES), types);
		out.push(...byEntity.values());
	}
	return out;
}

/** The stored events of these entities (of the given types), grouped by entity. */
export async function loadEntities(
	q: Executor,
	entities: readonly string[],
	types: readonly string[]
): Promise<Map<string, WallboardEvent[]>> {
	// Only the fields the rollups read, as columns: no JSON to parse, no long texts or personal
	// data over the wire.
	const result = await q.execute(sql`
		select entity, id, type, (payload->>'at')::float8 as at, payload->>'queue' as queue,
			payload->>'category' as category, payload->>'district' as district,
			payload->>'street' as street, payload->>'topic' as topic,
			payload->>'department' as department, payload->>'outcome' as outcome,
			(payload->'responded')::boolean as responded, (payload->'resolved')::boolean as resolved,
			(payload->'satisfied')::boolean as satisfied
		from events
		where entity = any(${textArray(entities)}::text[])`);
	const byEntity = new Map<string, WallboardEvent[]>();
	for (const row of (result as unknown as { rows: StoredRow[] }).rows) {
		// The type filter is applied here, not in SQL: with it the planner may pick the type index
		// and read every call event of the table.
		if (!types.includes(row.type)) continue;
		let list = byEntity.get(row.entity);
		if (list === undefined) {
			list = [];
			byEntity.set(row.entity, list);
		}
		list.push(toEvent(row));
	}
	return byEntity;
}

type StoredRow = {
	entity: string;
	id: string;
	type: string;
	at: number;
	queue: string | null;
	category: string | null;
	district: string | null;
	street: string | null;
	topic: string | null;
	department: string | null;
	outcome: string | null;
	responded: boolean | null;
	resolved: boolean | null;
	satisfied: boolean | null;
};

/** The event as far as the rollups read it (other fields are left out). */
function toEvent(r: StoredRow): WallboardEvent {
	const base = { id: r.id, at: Number(r.at) };
	switch (r.type) {
		case 'call.offered':
			return { ...base, type: r.type, callId: r.entity, queue: r.queue ?? '' };
		case 'call.answered':
			return { ...base, type: r.type, callId: r.entity, agentId: '' };
		case 'call.abandoned':
		case 'call.ended':
			return { ...base, type: r.type, callId: r.entity };
		case 'ticket.created':
			return {
				...base,
				type: r.type,
				ticketId: r.entity,
				category: r.category as TicketCreated['category'],
				kind: 'inquiry',
				district: r.district ?? '',
				...(r.street === null ? {} : { street: r.street }),
				...(r.topic === null ? {} : { topic: r.topic })
			};
		case 'ticket.dispatched':
			return { ...base, type: r.type, ticketId: r.entity, department: r.department ?? '' };
		case 'ticket.feedback':
			return {
				...base,
				type: r.type,
				ticketId: r.entity,
				outcome: r.outcome as TicketFeedback['outcome']
			};
		case 'ticket.survey':
			return {
				...base,
				type: r.type,
				ticketId: r.entity,
				responded: r.responded === true,
				resolved: r.resolved === true,
				satisfied: r.satisfied === true
			};
		default:
			throw new Error(`history: unexpected stored event type ${JSON.stringify(r.type)}`);
	}
}

/**
 * A PostgreSQL array literal of text, bound as ONE parameter (drizzle would expand a JS array
 * into one parameter per element).
 */
export function textArray(values: readonly string[]): string {
	return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------
// Upserts

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type TableSpec = {
	table: string;
	keys: readonly { name: string; type: string }[];
	counts: readonly string[];
};

const CALL_COUNT_COLUMNS = CALL_COUNT_KEYS.map((k) => ({
	name: k,
	type: k.endsWith('MsSum') ? 'bigint' : 'integer'
}));
const TICKET_COUNT_COLUMNS = TICKET_COUNT_KEYS.map((k) => ({ name: k, type: 'integer' }));

export const CALLS_15M: TableSpec = {
	table: 'history_calls_15m',
	keys: [
		{ name: 'day', type: 'date' },
		{ name: 'minute', type: 'smallint' },
		{ name: 'queue', type: 'text' }
	],
	counts: CALL_COUNT_KEYS
};
export const CALLS_DAILY: TableSpec = {
	table: 'history_calls_daily',
	keys: [
		{ name: 'day', type: 'date' },
		{ name: 'queue', type: 'text' }
	],
	counts: CALL_COUNT_KEYS
};
const TICKET_DIMENSIONS = [
	{ name: 'category', type: 'text' },
	{ name: 'district', type: 'text' },
	{ name: 'department', type: 'text' }
];
export const TICKETS_DAILY: TableSpec = {
	table: 'history_tickets_daily',
	keys: [{ name: 'day', type: 'date' }, ...TICKET_DIMENSIONS],
	counts: TICKET_COUNT_KEYS
};
export const TICKETS_MONTHLY: TableSpec = {
	table: 'history_tickets_monthly',
	keys: [{ name: 'month', type: 'date' }, ...TICKET_DIMENSIONS],
	counts: TICKET_COUNT_KEYS
};
export const TICKETS_TOTALS_DAILY: TableSpec = {
	table: 'history_tickets_totals_daily',
	keys: [{ name: 'day', type: 'date' }],
	counts: TICKET_COUNT_KEYS
};
const ASSESSMENT_DIMENSIONS = [
	{ name: 'district', type: 'text' },
	{ name: 'street', type: 'text' },
	{ name: 'department', type: 'text' },
	{ name: 'topic', type: 'text' }
];
export const ASSESSMENT_DAILY: TableSpec = {
	table: 'history_assessment_daily',
	keys: [{ name: 'day', type: 'date' }, ...ASSESSMENT_DIMENSIONS],
	counts: ASSESSMENT_COUNT_KEYS
};
export const ASSESSMENT_MONTHLY: TableSpec = {
	table: 'history_assessment_monthly',
	keys: [{ name: 'month', type: 'date' }, ...ASSESSMENT_DIMENSIONS],
	counts: ASSESSMENT_COUNT_KEYS
};
export const TICKETS_HOURLY: TableSpec = {
	table: 'history_tickets_hourly',
	keys: [
		{ name: 'day', type: 'date' },
		{ name: 'hour', type: 'smallint' },
		{ name: 'district', type: 'text' },
		{ name: 'topic', type: 'text' }
	],
	counts: ['created']
};
export const HISTORY_TABLES = [
	CALLS_15M,
	CALLS_DAILY,
	TICKETS_DAILY,
	TICKETS_MONTHLY,
	TICKETS_TOTALS_DAILY,
	ASSESSMENT_DAILY,
	ASSESSMENT_MONTHLY,
	TICKETS_HOURLY
] as const;

/** The shard of the rows this connection adds to (history-schema.ts). */
export const HISTORY_SHARD_SQL = '(pg_backend_pid() % 64)::smallint';

function columnType(spec: TableSpec, name: string): string {
	return (
		spec.keys.find((k) => k.name === name)?.type ??
		[...CALL_COUNT_COLUMNS, ...TICKET_COUNT_COLUMNS].find((c) => c.name === name)?.type ??
		'integer'
	);
}

/**
 * Adds `rows` (keys + signed counts, camelCase) to the table, in this connection's shard or the
 * one given: one statement per {@link UPSERT_CHUNK_ROWS} rows, in the order given (callers sort).
 */
export async function upsertRows(
	q: Executor,
	spec: TableSpec,
	rows: readonly Record<string, unknown>[],
	shard: 'connection' | number = 'connection'
): Promise<void> {
	if (rows.length === 0) return;
	const names = [...spec.keys.map((k) => k.name), ...spec.counts];
	const cols = sql.raw(['shard', ...names.map(snake)].join(', '));
	const record = sql.raw(names.map((n) => `"${n}" ${columnType(spec, n)}`).join(', '));
	const select = sql.raw(
		[`${shard === 'connection' ? HISTORY_SHARD_SQL : shard}`, ...names.map((n) => `r."${n}"`)].join(
			', '
		)
	);
	const conflict = sql.raw([...spec.keys.map((k) => snake(k.name)), 'shard'].join(', '));
	const set = sql.raw(
		spec.counts.map((c) => `${snake(c)} = h.${snake(c)} + excluded.${snake(c)}`).join(', ')
	);
	const table = sql.raw(spec.table);
	for (let i = 0; i < rows.length; i += UPSERT_CHUNK_ROWS) {
		const chunk = rows.slice(i, i + UPSERT_CHUNK_ROWS);
		await q.execute(sql`
			insert into ${table} as h (${cols})
			select ${select} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(${record})
			on conflict (${conflict}) do update set ${set}`);
	}
}

/** Sums rows by a derived key, keeping the first-seen order of keys sorted. */
function rollUp<R extends Record<string, unknown>>(
	rows: readonly R[],
	keyOf: (r: R) => Record<string, string | number>,
	counts: readonly string[]
): Record<string, unknown>[] {
	const out = new Map<string, Record<string, unknown>>();
	for (const r of rows) {
		const key = keyOf(r);
		const k = Object.values(key).join('\u0000');
		let t = out.get(k);
		if (t === undefined) {
			t = { ...key };
			for (const c of counts) t[c] = 0;
			out.set(k, t);
		}
		for (const c of counts) t[c] = (t[c] as number) + (r[c] as number);
	}
	return [...out.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, v]) => v)
		.filter((v) => counts.some((c) => v[c] !== 0));
}

export function monthOf(day: string): string {
	return `${day.slice(0, 7)}-01`;
}

/** Adds a delta to every rollup table, in a fixed order (this connection's shard by default). */
export async function upsertDelta(
	q: Executor,
	delta: RollupDelta,
	shard: 'connection' | number = 'connection'
): Promise<void> {
	const calls = delta.callDeltas();
	const tickets = delta.ticketDeltas();
	await upsertRows(q, CALLS_15M, calls, shard);
	await upsertRows(
		q,
		CALLS_DAILY,
		rollUp(calls, (r: CallRollupRow) => ({ day: r.day, queue: r.queue }), CALL_COUNT_KEYS),
		shard
	);
	await upsertRows(q, TICKETS_DAILY, tickets, shard);
	await upsertRows(
		q,
		TICKETS_MONTHLY,
		rollUp(
			tickets,
			(r: TicketRollupRow) => ({
				month: monthOf(r.day),
				category: r.category,
				district: r.district,
				department: r.department
			}),
			TICKET_COUNT_KEYS
		),
		shard
	);
	await upsertRows(
		q,
		TICKETS_TOTALS_DAILY,
		rollUp(tickets, (r: TicketRollupRow) => ({ day: r.day }), TICKET_COUNT_KEYS),
		shard
	);
	const assessment = delta.assessmentDeltas();
	await upsertRows(q, ASSESSMENT_DAILY, assessment, shard);
	await upsertRows(
		q,
		ASSESSMENT_MONTHLY,
		rollUp(
			assessment,
			(r: AssessmentRollupRow) => ({
				month: monthOf(r.day),
				district: r.district,
				street: r.street,
				department: r.department,
				topic: r.topic
			}),
			ASSESSMENT_COUNT_KEYS
		),
		shard
	);
	await upsertRows(q, TICKETS_HOURLY, delta.ticketHourlyDeltas(), shard);
}

/** Deletes every rollup row (the backfill's first write, inside its transaction). */
export async function clearHistory(q: Executor): Promise<void> {
	for (const t of HISTORY_TABLES) await q.execute(sql.raw(`delete from ${t.table}`));
}
