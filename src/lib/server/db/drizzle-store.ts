/** The EventStore on a drizzle database; shared by the PGlite and PostgreSQL backends. */
import { count, eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { WallboardEvent } from '../../contract/events';
import { liveEventsQuery } from './restore';
import { events, settings } from './schema';
import type { EventStore } from './store';

/** 6 bind parameters per row: 2000 rows stay far below PostgreSQL's 65535 limit. */
export const APPEND_CHUNK_ROWS = 2000;

export type StoreDatabase = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** The row key for per-entity lookups: callId, agentId or ticketId. */
export function entityOf(event: WallboardEvent): string {
	switch (event.type) {
		case 'call.offered':
		case 'call.answered':
		case 'call.abandoned':
		case 'call.ended':
			return event.callId;
		case 'agent.state':
			return event.agentId;
		default:
			return event.ticketId;
	}
}

export function createDrizzleStore(
	kind: EventStore['kind'],
	db: StoreDatabase,
	shutdown: () => Promise<void>
): EventStore {
	let closing: Promise<void> | undefined;
	const open = () => {
		if (closing) throw new Error(`the ${kind} event store is closed`);
	};

	return {
		kind,

		async append(batch, receivedAt) {
			open();
			const received = new Date(receivedAt);
			const byId = new Map<string, WallboardEvent>();
			for (const event of batch) if (!byId.has(event.id)) byId.set(event.id, event);
			const rows = [...byId.values()].map((event) => ({
				id: event.id,
				type: event.type,
				entity: entityOf(event),
				at: new Date(event.at),
				receivedAt: received,
				payload: event
			}));
			const inserted = new Set<string>();
			if (rows.length === 0) return inserted;
			const insertChunk = async (q: Pick<StoreDatabase, 'insert'>, chunk: typeof rows) => {
				const stored = await q
					.insert(events)
					.values(chunk)
					.onConflictDoNothing({ target: events.id })
					.returning({ id: events.id });
				for (const row of stored) inserted.add(row.id);
			};
			if (rows.length <= APPEND_CHUNK_ROWS) {
				await insertChunk(db, rows); // one statement: atomic without BEGIN/COMMIT
			} else {
				await db.transaction(async (tx) => {
					for (let i = 0; i < rows.length; i += APPEND_CHUNK_ROWS) {
						await insertChunk(tx, rows.slice(i, i + APPEND_CHUNK_ROWS));
					}
				});
			}
			return inserted;
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

		close() {
			closing ??= shutdown();
			return closing;
		}
	};
}

/** node-postgres and PGlite both answer `execute` with `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}
