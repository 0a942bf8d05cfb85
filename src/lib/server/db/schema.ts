/**
 * Database schema (drizzle, one definition for PGlite and PostgreSQL). Columns are snake_case in
 * SQL (`casing: 'snake_case'`), camelCase here. Migrations: `npx drizzle-kit generate`.
 */
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { WallboardEvent } from '../../contract/events';

/** Every accepted event, once: `id` is the idempotency key (docs/contract.md §2). */
export const events = pgTable(
	'events',
	{
		/** Insertion order. */
		seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		id: text().notNull().unique(),
		type: text().notNull(),
		/** callId, agentId or ticketId, depending on `type`. */
		entity: text().notNull(),
		/** When it happened at the source. */
		at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		receivedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		/** The whole normalised event (`at` in epoch ms). Holds PII: never leaves the server. */
		payload: jsonb().$type<WallboardEvent>().notNull()
	},
	(t) => [
		index('events_at_idx').on(t.at),
		index('events_type_at_idx').on(t.type, t.at),
		index('events_type_entity_at_idx').on(t.type, t.entity, t.at),
		// All events of a set of calls/tickets (history rollups, history.ts): one probe per entity.
		index('events_entity_idx').on(t.entity)
	]
);

/**
 * The calls and tickets that may still be open ('call': no `call.answered` / `call.abandoned`
 * stored; 'ticket': no `ticket.dispatched`), kept by the append in its own transaction (an
 * opening event adds its entity unless an end is already stored, an end removes it), so that
 * the restore finds the old open ones without reading every call of the 400 days kept
 * (restore.ts rules 4 and 5). A superset: two instances storing a call's start and end at the
 * same moment may leave a row behind, which the restore's own check leaves out.
 */
export const liveOpen = pgTable(
	'live_open',
	{
		kind: text().$type<'call' | 'ticket'>().notNull(),
		entity: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.kind, t.entity] })]
);

/** Small server-side key/value settings (generated tokens, configuration). */
export const settings = pgTable('settings', {
	key: text().primaryKey(),
	value: jsonb().notNull(),
	updatedAt: timestamp({ withTimezone: true, precision: 3 }).defaultNow()
});
