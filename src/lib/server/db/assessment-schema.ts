/**
 * The 接诉即办 assessment rollups (metrics/assessment-rollup.ts), kept with the other history
 * rollups in the append's transaction (history.ts) and rebuilt by the backfill: tickets created
 * and survey answers per business day (or month) × district × street × department × topic.
 * '' stands for "none" in street, department (not dispatched) and topic. `shard` as in
 * history-schema.ts: readers sum over it.
 */
import { date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

const shard = smallint().notNull().default(0);

const keys = {
	district: text().notNull(),
	street: text().notNull(),
	department: text().notNull(),
	topic: text().notNull()
};

const counts = {
	created: integer().notNull().default(0),
	surveyed: integer().notNull().default(0),
	responded: integer().notNull().default(0),
	resolved: integer().notNull().default(0),
	satisfied: integer().notNull().default(0)
};

/** Per business day, for custom ranges and the partial months at either end. */
export const historyAssessmentDaily = pgTable(
	'history_assessment_daily',
	{ day: date({ mode: 'string' }).notNull(), ...keys, shard, ...counts },
	(t) => [primaryKey({ columns: [t.day, t.district, t.street, t.department, t.topic, t.shard] })]
);

/** Per month (its first day): the monthly ranking and the topic trend (每月一题). */
export const historyAssessmentMonthly = pgTable(
	'history_assessment_monthly',
	{ month: date({ mode: 'string' }).notNull(), ...keys, shard, ...counts },
	(t) => [primaryKey({ columns: [t.month, t.district, t.street, t.department, t.topic, t.shard] })]
);
