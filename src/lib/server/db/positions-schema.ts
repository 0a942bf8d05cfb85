/**
 * Where a followed source (the Asterisk queue_log file) stopped reading: written in the same
 * transaction as the events read up to there, so a restart — even after `kill -9` — resumes
 * exactly (ingest/queue-log-follower.ts). One row per source.
 */
import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const sourcePositions = pgTable('source_positions', {
	/** e.g. `asterisk-queue-log:/var/log/asterisk/queue_log`. */
	source: text().primaryKey(),
	/** The file read: device and inode (decimal strings: they can exceed 2^53). */
	device: text().notNull(),
	inode: text().notNull(),
	/** Bytes consumed: the end of the last complete line handed to ingest. */
	offset: bigint({ mode: 'number' }).notNull(),
	/** SHA-256 (hex) and byte length of the last complete line (with its newline), to recognise
	 * the file: a file truncated and rewritten past `offset` no longer has these bytes there. */
	tailSha256: text().notNull(),
	tailLength: integer().notNull(),
	updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow()
});
