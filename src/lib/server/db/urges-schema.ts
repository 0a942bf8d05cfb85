/**
 * 催办 (urges) on overdue tickets: who pressed the handling side to act, when, and with what
 * note. A table of its own (not events): it is the hall's action, not the source's fact, and it
 * never changes the live figures. Shown in the ticket's timeline (server/tickets.ts).
 */
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const ticketUrges = pgTable(
	'ticket_urges',
	{
		id: integer().primaryKey().generatedAlwaysAsIdentity(),
		ticketId: text().notNull(),
		/** The staff member's username. */
		urgedBy: text().notNull(),
		urgedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
		/** 1–500 characters, as typed. */
		note: text().notNull()
	},
	(t) => [index('ticket_urges_ticket_idx').on(t.ticketId, t.urgedAt)]
);
