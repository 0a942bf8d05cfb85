/**
 * Boards, playlists and what each screen shows (contract §9), on the database. Every change is
 * one function taking the acting user's name (`putBoard(input, id, actor)`, …), so that an audit
 * log can be wired to exactly these; each change tells the listeners (`onChange`: every socket,
 * `onScreen`: the one screen), which app.ts hands to Socket.IO (all instances through the Redis
 * adapter). The built-in boards (src/lib/boards/builtin.ts) are listed and readable, never stored:
 * changing or deleting one is a 409 that says to copy it.
 *
 * What each screen says it shows (`screen.showing`) is kept in memory, and in Redis (a key per
 * screen that expires) when there is one, so every instance's /admin/displays sees it.
 *
 * One file (~360 lines) because boards, playlists and assignments are one feature with one set of
 * listeners: a playlist names boards, an assignment names either, and a delete must see both.
 */
import { and, eq, isNull } from 'drizzle-orm';
import {
	BOARD_ID_PATTERN,
	type Board,
	type BoardSummary,
	type BoardsChanged,
	type Playlist,
	type PlaylistSummary,
	type ScreenAssignment,
	type ScreenShowing
} from '../../contract/boards';
import { BUILT_IN_BOARDS, BUILT_IN_BOARD_IDS } from '../../boards/builtin';
import { checkBoard, checkPlaylist } from '../../boards/validate';
import { boards, playlists } from '../db/boards-schema';
import { displays } from '../db/auth-schema';
import type { StoreDatabase } from '../db/drizzle-store';
import type { Logger } from '../logger';
import type { RedisClient } from '../redis-clients';
import {
	BoardsError,
	boardUsers,
	inUseMessage,
	missingBoards,
	parseAssignment,
	playlistUsers,
	problemsMessage,
	screenShowingSchema,
	type ScreenUse
} from './rules';

export { BoardsError, assignmentFromForm } from './rules';

/** How long a screen's last `screen.showing` counts (it reports again on every change and reconnect). */
export const SHOWING_TTL_MS = 24 * 3600_000;

/** What a screen last said it shows, and when. */
export type ShowingReport = ScreenShowing & { at: string };

export interface Boards {
	/** Built-ins first (`builtIn: true`), then the stored boards by name. */
	listBoards(): Promise<BoardSummary[]>;
	getBoard(id: string): Promise<Board | null>;
	/** Validates and stores (insert or replace); the board as stored. */
	putBoard(input: unknown, id: string, actor: string): Promise<Board>;
	deleteBoard(id: string, actor: string): Promise<void>;
	listPlaylists(): Promise<PlaylistSummary[]>;
	getPlaylist(id: string): Promise<Playlist | null>;
	/** Every board it names must exist (400 naming the item). */
	putPlaylist(input: unknown, id: string, actor: string): Promise<Playlist>;
	deletePlaylist(id: string, actor: string): Promise<void>;
	/** What display `displayId` is to show (`{}`: the default board). */
	screen(displayId: string): Promise<ScreenAssignment>;
	/** Every display's assignment, by display id. */
	screens(): Promise<Map<string, ScreenAssignment>>;
	/** Sets what a (not revoked) display shows; 404 for no such display. */
	assignScreen(displayId: string, input: unknown, actor: string): Promise<ScreenAssignment>;
	/** A screen's own report (socket `screen.showing`); false when it is malformed. */
	reportShowing(displayId: string, input: unknown): Promise<boolean>;
	/** The last reports of these displays (any instance's, with Redis). */
	showing(displayIds: readonly string[]): Promise<Map<string, ShowingReport>>;
	onChange(listener: (change: BoardsChanged) => void): void;
	onScreen(listener: (displayId: string, assignment: ScreenAssignment) => void): void;
	close(): void;
}

export type BoardsDeps = {
	db: StoreDatabase;
	now: () => number;
	logger: Logger;
	/** With several instances: where screens' reports are shared. */
	redis?: RedisClient;
	redisKeyPrefix?: string;
};

type DisplayRow = Pick<
	typeof displays.$inferSelect,
	'id' | 'name' | 'board' | 'playlist' | 'night'
>;

function assignmentOf(row: DisplayRow): ScreenAssignment {
	return {
		...(row.board !== null && row.playlist === null ? { board: row.board } : {}),
		...(row.playlist !== null ? { playlist: row.playlist } : {}),
		...(row.night ? { night: row.night } : {})
	};
}

/** jsonb keeps keys in its own order: a board read back in the order the API writes it. */
function canonicalBoard(b: Board): Board {
	return {
		id: b.id,
		name: b.name,
		columns: b.columns,
		rows: b.rows,
		tiles: b.tiles.map((t) => ({
			type: t.type,
			x: t.x,
			y: t.y,
			w: t.w,
			h: t.h,
			...(t.options
				? {
						options: {
							...(t.options.queue !== undefined ? { queue: t.options.queue } : {}),
							...(t.options.metric !== undefined ? { metric: t.options.metric } : {})
						}
					}
				: {})
		}))
	};
}

function canonicalPlaylist(p: Playlist): Playlist {
	return {
		id: p.id,
		name: p.name,
		items: p.items.map((i) => ({ board: i.board, seconds: i.seconds })),
		...(p.redAlertBoard !== undefined ? { redAlertBoard: p.redAlertBoard } : {})
	};
}

const summary = (b: { id: string; name: string }) => ({ id: b.id, name: b.name });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export function createBoards(deps: BoardsDeps): Boards {
	const { db, now, logger } = deps;
	const changeListeners: ((change: BoardsChanged) => void)[] = [];
	const screenListeners: ((displayId: string, a: ScreenAssignment) => void)[] = [];
	const local = new Map<string, ShowingReport>();
	const showingKey = (id: string) => `${deps.redisKeyPrefix ?? ''}screen-showing:${id}`;

	const changed = (change: BoardsChanged) => {
		for (const l of changeListeners) l(change);
	};
	const builtIn = (id: string) => BUILT_IN_BOARD_IDS.has(id);
	const refuseBuiltIn = (id: string, verb: 'changed' | 'deleted') => {
		if (builtIn(id))
			throw new BoardsError(
				409,
				`board "${id}" is built in and cannot be ${verb}: copy it under a new id (PUT /api/v1/boards/{new id}) and change the copy`
			);
	};

	async function storedBoards(): Promise<Board[]> {
		const rows = await db.select({ board: boards.board }).from(boards);
		return rows.map((r) => canonicalBoard(r.board));
	}
	async function storedPlaylists(): Promise<Playlist[]> {
		const rows = await db.select({ playlist: playlists.playlist }).from(playlists);
		return rows.map((r) => canonicalPlaylist(r.playlist));
	}
	async function screenRows(): Promise<DisplayRow[]> {
		return db
			.select({
				id: displays.id,
				name: displays.name,
				board: displays.board,
				playlist: displays.playlist,
				night: displays.night
			})
			.from(displays)
			.where(isNull(displays.revokedAt));
	}
	const screenUses = (rows: DisplayRow[]): ScreenUse[] =>
		rows.map((r) => ({ name: r.name, assignment: assignmentOf(r) }));
	async function boardIds(): Promise<Set<string>> {
		const rows = await db.select({ id: boards.id }).from(boards);
		return new Set([...BUILT_IN_BOARD_IDS, ...rows.map((r) => r.id)]);
	}

	return {
		async listBoards() {
			const stored = (await storedBoards()).map(summary).sort(byName);
			return [...BUILT_IN_BOARDS.map((b) => ({ ...summary(b), builtIn: true })), ...stored];
		},

		async getBoard(id) {
			const found = BUILT_IN_BOARDS.find((b) => b.id === id);
			if (found) return found;
			if (!BOARD_ID_PATTERN.test(id)) return null;
			const [row] = await db.select({ board: boards.board }).from(boards).where(eq(boards.id, id));
			return row ? canonicalBoard(row.board) : null;
		},

		async putBoard(input, id, actor) {
			refuseBuiltIn(id, 'changed');
			const checked = checkBoard(input, id);
			if (!checked.ok)
				throw new BoardsError(400, problemsMessage(checked.problems), checked.problems);
			const board = checked.value;
			const at = new Date(now());
			await db
				.insert(boards)
				.values({ id, board, updatedAt: at, updatedBy: actor })
				.onConflictDoUpdate({ target: boards.id, set: { board, updatedAt: at, updatedBy: actor } });
			logger.info({ by: actor, board: id }, 'board stored');
			changed({ kind: 'board', id });
			return board;
		},

		async deleteBoard(id, actor) {
			refuseBuiltIn(id, 'deleted');
			const [lists, rows] = await Promise.all([storedPlaylists(), screenRows()]);
			const users = inUseMessage(boardUsers(id, lists, screenUses(rows)));
			const exists = await db.select({ id: boards.id }).from(boards).where(eq(boards.id, id));
			if (exists.length === 0) throw new BoardsError(404, `no board "${id}"`);
			if (users) throw new BoardsError(409, `board "${id}" is ${users}: change them first`);
			await db.delete(boards).where(eq(boards.id, id));
			logger.info({ by: actor, board: id }, 'board deleted');
			changed({ kind: 'board', id, deleted: true });
		},

		async listPlaylists() {
			return (await storedPlaylists()).map(summary).sort(byName);
		},

		async getPlaylist(id) {
			if (!BOARD_ID_PATTERN.test(id)) return null;
			const [row] = await db
				.select({ playlist: playlists.playlist })
				.from(playlists)
				.where(eq(playlists.id, id));
			return row ? canonicalPlaylist(row.playlist) : null;
		},

		async putPlaylist(input, id, actor) {
			const checked = checkPlaylist(input, id);
			if (!checked.ok)
				throw new BoardsError(400, problemsMessage(checked.problems), checked.problems);
			const playlist = checked.value;
			const ids = await boardIds();
			const missing = missingBoards(playlist, (b) => ids.has(b));
			if (missing.length > 0) throw new BoardsError(400, problemsMessage(missing), missing);
			const at = new Date(now());
			await db
				.insert(playlists)
				.values({ id, playlist, updatedAt: at, updatedBy: actor })
				.onConflictDoUpdate({
					target: playlists.id,
					set: { playlist, updatedAt: at, updatedBy: actor }
				});
			logger.info({ by: actor, playlist: id }, 'playlist stored');
			changed({ kind: 'playlist', id });
			return playlist;
		},

		async deletePlaylist(id, actor) {
			const exists = BOARD_ID_PATTERN.test(id)
				? await db.select({ id: playlists.id }).from(playlists).where(eq(playlists.id, id))
				: [];
			if (exists.length === 0) throw new BoardsError(404, `no playlist "${id}"`);
			const users = inUseMessage({ screens: playlistUsers(id, screenUses(await screenRows())) });
			if (users) throw new BoardsError(409, `playlist "${id}" is ${users}: change them first`);
			await db.delete(playlists).where(eq(playlists.id, id));
			logger.info({ by: actor, playlist: id }, 'playlist deleted');
			changed({ kind: 'playlist', id, deleted: true });
		},

		async screen(displayId) {
			const [row] = await db
				.select({
					id: displays.id,
					name: displays.name,
					board: displays.board,
					playlist: displays.playlist,
					night: displays.night
				})
				.from(displays)
				.where(eq(displays.id, displayId));
			return row ? assignmentOf(row) : {};
		},

		async screens() {
			const rows = await screenRows();
			return new Map(rows.map((r) => [r.id, assignmentOf(r)]));
		},

		async assignScreen(displayId, input, actor) {
			const [ids, lists] = await Promise.all([boardIds(), storedPlaylists()]);
			const playlistIds = new Set(lists.map((p) => p.id));
			const assignment = parseAssignment(input, {
				board: (id) => ids.has(id),
				playlist: (id) => playlistIds.has(id)
			});
			const updated = await db
				.update(displays)
				.set({
					board: assignment.board ?? null,
					playlist: assignment.playlist ?? null,
					night: assignment.night ?? null
				})
				.where(and(eq(displays.id, displayId), isNull(displays.revokedAt)))
				.returning({ id: displays.id });
			if (updated.length === 0) throw new BoardsError(404, 'no such display (or it was revoked)');
			logger.info({ by: actor, displayId, assignment }, 'screen assigned');
			for (const l of screenListeners) l(displayId, assignment);
			return assignment;
		},

		async reportShowing(displayId, input) {
			const parsed = screenShowingSchema.safeParse(input);
			if (!parsed.success) return false;
			const report: ShowingReport = {
				board: parsed.data.board,
				...(parsed.data.playlist !== undefined ? { playlist: parsed.data.playlist } : {}),
				dimmed: parsed.data.dimmed,
				at: new Date(now()).toISOString()
			};
			local.set(displayId, report);
			if (deps.redis?.isReady) {
				await deps.redis
					.set(showingKey(displayId), JSON.stringify(report), { PX: SHOWING_TTL_MS })
					.catch((err: unknown) => logger.warn({ err }, 'storing a screen report failed'));
			}
			return true;
		},

		async showing(displayIds) {
			const out = new Map<string, ShowingReport>();
			const fresh = (r: ShowingReport) => now() - Date.parse(r.at) < SHOWING_TTL_MS;
			for (const id of displayIds) {
				const r = local.get(id);
				if (r && fresh(r)) out.set(id, r);
			}
			if (deps.redis?.isReady && displayIds.length > 0) {
				try {
					const values = await deps.redis.mGet(displayIds.map(showingKey));
					values.forEach((v, i) => {
						const id = displayIds[i] as string;
						if (typeof v !== 'string') return;
						const r = JSON.parse(v) as ShowingReport;
						const mine = out.get(id);
						if (!mine || mine.at < r.at) out.set(id, r);
					});
				} catch (err) {
					logger.warn({ err }, 'reading screen reports failed');
				}
			}
			return out;
		},

		onChange: (l) => void changeListeners.push(l),
		onScreen: (l) => void screenListeners.push(l),
		close() {
			changeListeners.length = 0;
			screenListeners.length = 0;
			local.clear();
		}
	};
}
