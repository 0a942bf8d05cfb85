/** The EventStore on a drizzle database; shared by the PGlite and PostgreSQL backends. */
import { count, eq, inArray, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { WallboardEvent } from '../../contract/events';
import { DEFAULT_METRICS_CONFIG, type MetricsConfig } from '../../metrics/config';
import { createHistoryMaintenance } from './history';
import { liveEventsQuery } from './restore';
import { sourcePositions } from './positions-schema';
import { events, settings } from './schema';
import type { EventStore, SourcePosition } from './store';

/** Rows per insert statement (one JSON parameter each); larger batches: one transaction. */
export const APPEND_CHUNK_ROWS = 2000;

export type StoreDatabase = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** The row key for per-entity lookups: callId, agentId or ticketId. */
export function entityOf(event: WallboardEvent): string {
	switch (event.type) {
		case 'call.offered':
		case 'call.answered':
		case 'call.abandoned':
		case 'call.ended':
		case 'call.callback':
			return event.callId;
		case 'agent.state':
			return event.agentId;
		default:
			return event.ticketId;
	}
}

/**
 * Which calls and tickets an event opens or closes (the live_open table, schema.ts); the kind is
 * the event type's prefix.
 */
const OPENS: Record<string, 'call' | 'ticket'> = {
	'call.offered': 'call',
	'ticket.created': 'ticket'
};
const CLOSES: Record<string, 'call' | 'ticket'> = {
	'call.answered': 'call',
	'call.abandoned': 'call',
	'ticket.dispatched': 'ticket'
};

/**
 * Keeps live_open in the append's transaction, for the rows just inserted: an opening event adds
 * its call or ticket unless an end is stored (this chunk's included, inserted just before), an
 * end removes it. Only the statements a chunk needs run: a chunk without either runs none. (One
 * statement with data-modifying CTEs for insert and upkeep was slower on PGlite for one event
 * per append: 663 → 411 events/s, against 555 for this.)
 */
async function keepLiveOpen(
	q: Pick<StoreDatabase, 'execute'>,
	rows: ReadonlyArray<{ type: string; entity: string }>
): Promise<void> {
	const opened = rows.flatMap((r) => (OPENS[r.type] ? [{ k: OPENS[r.type], e: r.entity }] : []));
	const closed = rows.flatMap((r) => (CLOSES[r.type] ? [{ k: CLOSES[r.type], e: r.entity }] : []));
	if (opened.length > 0) {
		await q.execute(sql`
			insert into live_open (kind, entity)
			select distinct r.k, r.e from jsonb_to_recordset(${JSON.stringify(opened)}::jsonb)
				as r(k text, e text)
			where not exists (
				select 1 from events x
				where x.entity = r.e
					and x.type in ${Object.keys(CLOSES)}
					and split_part(x.type, '.', 1) = r.k
			)
			on conflict do nothing`);
	}
	if (closed.length > 0) {
		await q.execute(sql`
			delete from live_open o
			using jsonb_to_recordset(${JSON.stringify(closed)}::jsonb) as r(k text, e text)
			where o.kind = r.k and o.entity = r.e`);
	}
}

export function createDrizzleStore(
	kind: EventStore['kind'],
	db: StoreDatabase,
	shutdown: () => Promise<void>,
	/** The rules the history rollups are kept by (the metrics config); defaults when absent. */
	metricsConfig: MetricsConfig = DEFAULT_METRICS_CONFIG
): EventStore {
	const history = createHistoryMaintenance(metricsConfig);
	let closing: Promise<void> | undefined;
	const open = () => {
		if (closing) throw new Error(`the ${kind} event store is closed`);
	};

	return {
		kind,

		async append(batch, receivedAt, extra = {}) {
			open();
			const received = new Date(receivedAt);
			const byId = new Map<string, WallboardEvent>();
			for (const event of batch) if (!byId.has(event.id)) byId.set(event.id, event);
			const rows = [...byId.values()].map((event) => ({
				id: event.id,
				type: event.type,
				entity: entityOf(event),
				at: event.at,
				payload: event
			}));
			const inserted = new Set<string>();
			const { position } = extra;
			if (rows.length === 0 && position === undefined) return inserted;
			// One parameter for the whole chunk, unpacked by the database: drizzle's row-by-row insert
			// builder cost more CPU than the insert itself (bench: 18.8 k → 40+ k events/s on PG).
			const insertChunk = async (q: Pick<StoreDatabase, 'execute'>, chunk: typeof rows) => {
				const result = await q.execute(sql`
					insert into ${events} (id, type, entity, at, received_at, payload)
					select r.id, r.type, r.entity,
						'epoch'::timestamptz + r.at * interval '1 millisecond',
						${received.toISOString()}::timestamptz,
						r.payload
					from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
						as r(id text, type text, entity text, at bigint, payload jsonb)
					on conflict (id) do nothing
					returning id`);
				const fresh = new Set(rowsOf<{ id: string }>(result).map((row) => row.id));
				for (const id of fresh) inserted.add(id);
				await keepLiveOpen(
					q,
					chunk.filter((r) => fresh.has(r.id))
				);
			};
			// The insert and the history rollups of what it inserted: one transaction.
			await db.transaction(async (tx) => {
				for (let i = 0; i < rows.length; i += APPEND_CHUNK_ROWS) {
					await insertChunk(tx, rows.slice(i, i + APPEND_CHUNK_ROWS));
				}
				if (inserted.size > 0) {
					await history.apply(
						tx,
						[...byId.values()].filter((e) => inserted.has(e.id))
					);
				}
				if (position !== undefined) await upsertPosition(tx, position);
			});
			return inserted;
		},

		async getPosition(source) {
			open();
			const [row] = await db
				.select()
				.from(sourcePositions)
				.where(eq(sourcePositions.source, source));
			if (row === undefined) return null;
			const { updatedAt: _updatedAt, ...position } = row;
			return position;
		},

		async setPosition(position) {
			open();
			await upsertPosition(db, position);
		},

		async loadLive(now, horizons) {
			open();
			const result = await db.transaction(async (tx) => {
				// JIT compilation costs more than it saves on this one-off query (~130 ms on PG).
				await tx.execute(sql`set local jit = off`);
				return tx.execute(liveEventsQuery(now, horizons));
			});
			return rowsOf<{ payload: string }>(result).map(
				(row) => JSON.parse(row.payload) as WallboardEvent
			);
		},

		async countEvents() {
			open();
			const [row] = await db.select({ n: count() }).from(events);
			return row?.n ?? 0;
		},

		async existingIds(ids) {
			open();
			const found = new Set<string>();
			for (let i = 0; i < ids.length; i += 10_000) {
				const rows = await db
					.select({ id: events.id })
					.from(events)
					.where(inArray(events.id, ids.slice(i, i + 10_000)));
				for (const r of rows) found.add(r.id);
			}
			return found;
		},

		async ping() {
			open();
			await db.execute(sql`select 1`);
		},

		async getSetting(key) {
			open();
			// ::text and JSON.parse here: drizzle would JSON.parse a stored string a second time.
			const [row] = await db
				.select({ value: sql<string>`${settings.value}::text` })
				.from(settings)
				.where(eq(settings.key, key));
			return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
		},

		async setSettingIfAbsent(key, value) {
			open();
			if (value === undefined) throw new TypeError(`setting ${key}: value must not be undefined`);
			const stored = await db
				.insert(settings)
				// Serialised here: drizzle binds a JSON null as SQL NULL, which the column refuses.
				.values({ key, value: sql`${JSON.stringify(value)}::jsonb`, updatedAt: new Date() })
				.onConflictDoNothing({ target: settings.key })
				.returning({ key: settings.key });
			return stored.length > 0;
		},

		async setSetting(key, value) {
			open();
			if (value === undefined) throw new TypeError(`setting ${key}: value must not be undefined`);
			const json = sql`${JSON.stringify(value)}::jsonb`;
			await db
				.insert(settings)
				.values({ key, value: json, updatedAt: new Date() })
				.onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: new Date() } });
		},

		close() {
			closing ??= shutdown();
			return closing;
		}
	};
}

async function upsertPosition(
	q: Pick<StoreDatabase, 'insert'>,
	position: SourcePosition
): Promise<void> {
	const row = { ...position, updatedAt: new Date() };
	const { source: _source, ...set } = row;
	await q
		.insert(sourcePositions)
		.values(row)
		.onConflictDoUpdate({ target: sourcePositions.source, set });
}

/** node-postgres and PGlite both answer `execute` with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
