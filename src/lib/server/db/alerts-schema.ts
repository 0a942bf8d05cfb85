/**
 * Threshold alerts (server/alerts.ts): every alert raised, with its clearing and acknowledgement.
 * The database is the truth between instances: at most one active alert per key (the partial
 * unique index), so two instances evaluating the same breach raise it once.
 */
import { sql } from 'drizzle-orm';
import {
	doublePrecision,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

export const alerts = pgTable(
	'alerts',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		/** `<metric>:<queue or all>`. */
		key: text().notNull(),
		/** 'bad' or 'warn' (an active alert follows its figure's level). */
		level: text().notNull(),
		/** The figure's latest value while active; its last value once cleared. */
		value: doublePrecision().notNull(),
		raisedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		clearedAt: timestamp({ withTimezone: true, precision: 3 }),
		ackedAt: timestamp({ withTimezone: true, precision: 3 }),
		/** The acknowledging staff member's username. */
		ackedBy: text(),
		/** When an unacknowledged red alert escalated (ALERT_ESCALATE_MINUTES after raising). */
		escalatedAt: timestamp({ withTimezone: true, precision: 3 })
	},
	(t) => [
		uniqueIndex('alerts_active_key_idx')
			.on(t.key)
			.where(sql`cleared_at is null`),
		index('alerts_raised_at_idx').on(t.raisedAt)
	]
);
