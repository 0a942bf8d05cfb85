/**
 * Boards and playlists (contract §9) as stored: the whole board or playlist as JSON, keyed by its
 * id, with who changed it last and when. The built-in boards are not stored (src/lib/boards).
 */
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Board, Playlist } from '../../contract/boards';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

export const boards = pgTable('boards', {
	id: text().primaryKey(),
	/** The whole board as validated (src/lib/boards/validate.ts), `id` included. */
	board: jsonb().$type<Board>().notNull(),
	updatedAt: ts().notNull(),
	/** The username of who stored it last. */
	updatedBy: text().notNull()
});

export const playlists = pgTable('playlists', {
	id: text().primaryKey(),
	playlist: jsonb().$type<Playlist>().notNull(),
	updatedAt: ts().notNull(),
	updatedBy: text().notNull()
});
