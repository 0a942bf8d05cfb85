/**
 * History rollups (issue 7), maintained as events arrive (history.ts, in the append's
 * transaction) and rebuilt by `npm run history:backfill`. Days are business days in
 * WALLBOARD_TIMEZONE; sums of durations are integer milliseconds so retraction is exact.
 *
 * `shard`: each database connection adds its deltas to its own rows (pg_backend_pid() % 64), so
 * concurrent appends never wait for each other on the hot rows of the current slot (a row lock
 * lasts until commit, i.e. until the fsync: one shared row would serialise every writer). Readers
 * sum over shards; the seed writes shard 0.
 */
import { bigint, date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

const shard = smallint().notNull().default(0);

const callCounts = {
	offered: integer().notNull().default(0),
	answered: integer().notNull().default(0),
	answeredWithinTarget: integer().notNull().default(0),
	abandoned: integer().notNull().default(0),
	waitMsSum: bigint({ mode: 'number' }).notNull().default(0),
	ended: integer().notNull().default(0),
	talkMsSum: bigint({ mode: 'number' }).notNull().default(0)
};

/** Per queue per 15-minute wall-clock slot (`minute` 0, 15, …, 1425 from local midnight). */
export const historyCalls15m = pgTable(
	'history_calls_15m',
	{
		day: date({ mode: 'string' }).notNull(),
		minute: smallint().notNull(),
		queue: text().notNull(),
		shard,
		...callCounts
	},
	(t) => [primaryKey({ columns: [t.day, t.minute, t.queue, t.shard] })]
);

/** The same counts per queue per day (the 15-minute rows summed), for long ranges. */
export const historyCallsDaily = pgTable(
	'history_calls_daily',
	{
		day: date({ mode: 'string' }).notNull(),
		queue: text().notNull(),
		shard,
		...callCounts
	},
	(t) => [primaryKey({ columns: [t.day, t.queue, t.shard] })]
);

const ticketCounts = {
	created: integer().notNull().default(0),
	dispatched: integer().notNull().default(0),
	dispatchedOnTime: integer().notNull().default(0),
	dispatchedLate: integer().notNull().default(0),
	feedbackResolved: integer().notNull().default(0),
	feedbackUnresolvable: integer().notNull().default(0),
	feedbackUnreasonable: integer().notNull().default(0),
	surveyed: integer().notNull().default(0),
	responded: integer().notNull().default(0),
	resolved: integer().notNull().default(0),
	satisfied: integer().notNull().default(0)
};

/** Per business day × category × district × department ('' while not dispatched). */
export const historyTicketsDaily = pgTable(
	'history_tickets_daily',
	{
		day: date({ mode: 'string' }).notNull(),
		category: text().notNull(),
		district: text().notNull(),
		department: text().notNull(),
		shard,
		...ticketCounts
	},
	(t) => [primaryKey({ columns: [t.day, t.category, t.district, t.department, t.shard] })]
);

/** The same counts per month (first day of the month), for long ranges. */
export const historyTicketsMonthly = pgTable(
	'history_tickets_monthly',
	{
		month: date({ mode: 'string' }).notNull(),
		category: text().notNull(),
		district: text().notNull(),
		department: text().notNull(),
		shard,
		...ticketCounts
	},
	(t) => [primaryKey({ columns: [t.month, t.category, t.district, t.department, t.shard] })]
);

/** All tickets per day (no breakdown), for the daily series over long ranges. */
export const historyTicketsTotalsDaily = pgTable(
	'history_tickets_totals_daily',
	{
		day: date({ mode: 'string' }).notNull(),
		shard,
		...ticketCounts
	},
	(t) => [primaryKey({ columns: [t.day, t.shard] })]
);

/**
 * Tickets created per local wall-clock hour (0–23) × district × topic ('' without a topic): the
 * baseline of surge detection (server/surge.ts) and the 环比 of today's topics.
 */
export const historyTicketsHourly = pgTable(
	'history_tickets_hourly',
	{
		day: date({ mode: 'string' }).notNull(),
		hour: smallint().notNull(),
		district: text().notNull(),
		topic: text().notNull(),
		shard,
		created: integer().notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.day, t.hour, t.district, t.topic, t.shard] })]
);
