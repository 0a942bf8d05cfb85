/**
 * Database schema (drizzle, one definition for PGlite and PostgreSQL). Columns are snake_case in
 * SQL (`casing: 'snake_case'`), camelCase here. Migrations: `npx drizzle-kit generate`.
 */
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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

/** Small server-side key/value settings (generated tokens, configuration). */
export const settings = pgTable('settings', {
	key: text().primaryKey(),
	value: jsonb().notNull(),
	updatedAt: timestamp({ withTimezone: true, precision: 3 }).defaultNow()
});
