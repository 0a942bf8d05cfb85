/**
 * The audit log: who changed what, and when (thresholds, users, displays, sources, boards,
 * screens). Written by `audit/` only; rows are never updated or deleted by the server.
 */
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
	'audit_log',
	{
		/** Insertion order: newest first is `id` descending. */
		id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		/** `user`, `display` or `system` (a start-up, a script). */
		actorKind: text().notNull(),
		/** The user's or display's id; null for `system`. */
		actorId: text(),
		/** The username, the display's name, or what the system part is called. */
		actor: text().notNull(),
		/** `area.verb`, e.g. `thresholds.set`, `user.role` (audit/actions.ts lists them). */
		action: text().notNull(),
		/** What was changed, by name: a username, a display's or source's name, `thresholds`. */
		target: text().notNull(),
		/** What changed, as plain JSON (never a secret, never PII of citizens). */
		detail: jsonb().$type<Record<string, unknown>>().notNull()
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)]
);
