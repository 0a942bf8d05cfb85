/**
 * Accounts, sessions, enrolled displays and ingest sources. Every secret is stored as its sha-256
 * (tokens, codes) or argon2id hash (passwords); only the HMAC signing secrets of sources are kept
 * as they are, because the server must compute signatures with them.
 */
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { NightSchedule } from '../../contract/boards';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

export const users = pgTable('users', {
	id: text().primaryKey(),
	/** Lower-case sign-in name. */
	username: text().notNull().unique(),
	role: text().notNull(),
	/** The queue (team) this person leads: /supervisor opens on it. Null: the whole hall. */
	team: text(),
	/** argon2id PHC string. */
	passwordHash: text().notNull(),
	createdAt: ts().notNull(),
	passwordChangedAt: ts().notNull(),
	disabledAt: ts(),
	/** Consecutive failed sign-ins; reset by a successful one. */
	failedLogins: integer().notNull().default(0),
	lockedUntil: ts()
});

export const sessions = pgTable(
	'sessions',
	{
		/** sha-256 (hex) of the cookie's token. */
		id: text().primaryKey(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: ts().notNull(),
		lastSeenAt: ts().notNull(),
		/** Sliding: lastSeenAt + the idle timeout, never past createdAt + the absolute limit. */
		expiresAt: ts().notNull(),
		userAgent: text()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const displays = pgTable('displays', {
	id: text().primaryKey(),
	name: text().notNull(),
	/**
	 * What the screen shows (boards/screens.ts): a board id or a playlist id, at most one of the
	 * two; neither is the default board (hall). Either may name a board or playlist deleted since.
	 */
	board: text(),
	playlist: text(),
	/** Optional: dimmed, or another board, between two times of day in the business zone. */
	night: jsonb().$type<NightSchedule>(),
	createdAt: ts().notNull(),
	createdBy: text().notNull(),
	/** sha-256 of the one-time enrolment code while one is outstanding. */
	enrolCodeHash: text().unique(),
	enrolExpiresAt: ts(),
	/** sha-256 of the device credential held in the screen's cookie. */
	credentialHash: text().unique(),
	enrolledAt: ts(),
	revokedAt: ts(),
	lastSeenAt: ts()
});

export const ingestSources = pgTable('ingest_sources', {
	id: text().primaryKey(),
	name: text().notNull().unique(),
	/** sha-256 (hex) of the bearer token. */
	tokenHash: text().notNull().unique(),
	createdAt: ts().notNull(),
	createdBy: text().notNull(),
	revokedAt: ts(),
	lastUsedAt: ts(),
	/** Standard Webhooks secrets (`whsec_…`), newest first, at most two during a rotation. */
	signingSecrets: jsonb().$type<string[]>().notNull().default([]),
	/** When true, requests with this source's token must also carry a valid signature. */
	requireSignature: boolean().notNull().default(false)
});
