/**
 * Validation of boards and playlists (contract §9), pure: the shape with zod, then what a shape
 * cannot say — every tile inside the grid, no two tiles overlapping, a known type, only the
 * options that type reads. Each problem names the tile by its index, so the API's 400 and the
 * editor can point at it.
 */
import { z } from 'zod';
import {
	BOARD_ID_PATTERN,
	BOARD_MAX_CELLS,
	PLAYLIST_MIN_SECONDS,
	type Board,
	type Playlist
} from '$lib/contract/boards';
import { TILE_METRICS, TILE_TYPES, isTileType } from './catalogue';

/** One problem: `tile` is the index in `tiles` (or `item` in `items`) when it is about one. */
export type BoardProblem = { tile?: number; item?: number; field?: string; message: string };

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: BoardProblem[] };

const id = z
	.string()
	.regex(
		BOARD_ID_PATTERN,
		'must be 1–64 letters, digits, "-", "_" or "." (starting with one of the first two)'
	);
const name = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const cells = z.number().int('must be an integer').min(1).max(BOARD_MAX_CELLS);
const cell = z.number().int('must be an integer').min(0);
const span = z.number().int('must be an integer').min(1);

const tileSchema = z.strictObject({
	type: z.string(),
	x: cell,
	y: cell,
	w: span,
	h: span,
	options: z
		.strictObject({
			queue: z.string().trim().min(1, 'must not be empty').max(64).optional(),
			metric: z.enum(TILE_METRICS).optional()
		})
		.optional()
});

const boardSchema = z.strictObject({
	id: id.optional(),
	name,
	columns: cells,
	rows: cells,
	tiles: z.array(tileSchema).max(BOARD_MAX_CELLS * BOARD_MAX_CELLS)
});

const playlistSchema = z.strictObject({
	id: id.optional(),
	name,
	items: z
		.array(
			z.strictObject({
				board: id,
				seconds: z
					.number()
					.int('must be an integer')
					.min(PLAYLIST_MIN_SECONDS, `must be at least ${PLAYLIST_MIN_SECONDS}`)
					.max(24 * 3600)
			})
		)
		.min(1, 'must hold at least one board')
		.max(100),
	redAlertBoard: id.optional()
});

/** zod issues as problems; a path `tiles.3.x` names tile 3. */
function fromZod(error: z.ZodError, list: 'tiles' | 'items'): BoardProblem[] {
	return error.issues.map((issue) => {
		const path = issue.path.map(String);
		const at = path[0] === list && path.length > 1 ? Number(path[1]) : undefined;
		const field = (at === undefined ? path : path.slice(2)).join('.') || undefined;
		const where = at === undefined ? {} : list === 'tiles' ? { tile: at } : { item: at };
		const prefix = at === undefined ? '' : `${list === 'tiles' ? 'tile' : 'item'} ${at}: `;
		return {
			...where,
			...(field ? { field } : {}),
			message: `${prefix}${field ? `${field} ` : ''}${issue.message}`
		};
	});
}

/** The grid problems of tiles already of the right shape (pure, reused by the editor). */
export function gridProblems(board: Pick<Board, 'columns' | 'rows' | 'tiles'>): BoardProblem[] {
	const problems: BoardProblem[] = [];
	board.tiles.forEach((t, i) => {
		if (!isTileType(t.type)) {
			problems.push({
				tile: i,
				field: 'type',
				message: `tile ${i}: unknown type "${t.type}"`
			});
		} else {
			for (const option of Object.keys(t.options ?? {})) {
				if (!(TILE_TYPES[t.type].options as readonly string[]).includes(option))
					problems.push({
						tile: i,
						field: `options.${option}`,
						message: `tile ${i}: a ${t.type} tile takes no option "${option}"`
					});
			}
		}
		if (t.x + t.w > board.columns || t.y + t.h > board.rows)
			problems.push({
				tile: i,
				message: `tile ${i} (${t.type}) leaves the grid: columns ${t.x}–${t.x + t.w - 1}, rows ${t.y}–${t.y + t.h - 1} on a ${board.columns}×${board.rows} grid`
			});
		board.tiles.slice(0, i).forEach((o, j) => {
			if (t.x < o.x + o.w && o.x < t.x + t.w && t.y < o.y + o.h && o.y < t.y + t.h)
				problems.push({
					tile: i,
					message: `tile ${i} (${t.type}) overlaps tile ${j} (${o.type})`
				});
		});
	});
	return problems;
}

/** Tiles smaller than their type's minimum: a warning (the API stores them), shown by the editor. */
export function sizeWarnings(board: Pick<Board, 'tiles'>): BoardProblem[] {
	return board.tiles.flatMap((t, i) => {
		if (!isTileType(t.type)) return [];
		const min = TILE_TYPES[t.type].min;
		return t.w < min.w || t.h < min.h
			? [
					{
						tile: i,
						message: `tile ${i} (${t.type}) is ${t.w}×${t.h}; it is readable from ${min.w}×${min.h}`
					}
				]
			: [];
	});
}

/**
 * A board from untrusted JSON. `pathId` is the id in the URL: a body's `id`, when present, must
 * be the same.
 */
export function checkBoard(input: unknown, pathId: string): Checked<Board> {
	if (!BOARD_ID_PATTERN.test(pathId))
		return { ok: false, problems: [{ field: 'id', message: `board id "${pathId}" is not valid` }] };
	const parsed = boardSchema.safeParse(input);
	if (!parsed.success) return { ok: false, problems: fromZod(parsed.error, 'tiles') };
	const b = parsed.data;
	if (b.id !== undefined && b.id !== pathId)
		return {
			ok: false,
			problems: [{ field: 'id', message: `the body's id "${b.id}" is not the URL's "${pathId}"` }]
		};
	const tiles = b.tiles.map((t) => ({
		type: t.type,
		x: t.x,
		y: t.y,
		w: t.w,
		h: t.h,
		...(t.options && Object.keys(t.options).length > 0 ? { options: t.options } : {})
	}));
	const board: Board = { id: pathId, name: b.name, columns: b.columns, rows: b.rows, tiles };
	const problems = gridProblems(board);
	return problems.length > 0 ? { ok: false, problems } : { ok: true, value: board };
}

/** A playlist from untrusted JSON; which boards exist is the caller's check (it needs storage). */
export function checkPlaylist(input: unknown, pathId: string): Checked<Playlist> {
	if (!BOARD_ID_PATTERN.test(pathId))
		return {
			ok: false,
			problems: [{ field: 'id', message: `playlist id "${pathId}" is not valid` }]
		};
	const parsed = playlistSchema.safeParse(input);
	if (!parsed.success) return { ok: false, problems: fromZod(parsed.error, 'items') };
	const p = parsed.data;
	if (p.id !== undefined && p.id !== pathId)
		return {
			ok: false,
			problems: [{ field: 'id', message: `the body's id "${p.id}" is not the URL's "${pathId}"` }]
		};
	return {
		ok: true,
		value: {
			id: pathId,
			name: p.name,
			items: p.items,
			...(p.redAlertBoard ? { redAlertBoard: p.redAlertBoard } : {})
		}
	};
}
