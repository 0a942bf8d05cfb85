/**
 * The board editor's layout rules, pure: moving and resizing a tile inside the grid (whole cells),
 * the first free place for a new tile, adding, removing and replacing tiles, and the ids of new
 * and copied boards. Every function returns a new value and leaves its input alone, so the undo
 * history (undo.ts) can keep each state as it was.
 */
import type { Board, BoardTile } from '$lib/contract/boards';
import { BOARD_ID_PATTERN, BOARD_MAX_CELLS } from '$lib/contract/boards';
import { TILE_TYPES, type TileType } from './catalogue';

export type Grid = Pick<Board, 'columns' | 'rows'>;
export type Layout = Pick<Board, 'columns' | 'rows' | 'tiles'>;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** The tile at cell (x, y), kept inside the grid (a tile wider than the grid sits at 0). */
export function moveTo(tile: BoardTile, x: number, y: number, grid: Grid): BoardTile {
	return {
		...tile,
		x: clamp(Math.round(x), 0, grid.columns - tile.w),
		y: clamp(Math.round(y), 0, grid.rows - tile.h)
	};
}

export const moveBy = (tile: BoardTile, dx: number, dy: number, grid: Grid): BoardTile =>
	moveTo(tile, tile.x + dx, tile.y + dy, grid);

/** The tile with its top-left corner kept and its span set to w×h: at least 1×1, inside the grid. */
export function resizeTo(tile: BoardTile, w: number, h: number, grid: Grid): BoardTile {
	return {
		...tile,
		w: clamp(Math.round(w), 1, grid.columns - tile.x),
		h: clamp(Math.round(h), 1, grid.rows - tile.y)
	};
}

export const resizeBy = (tile: BoardTile, dw: number, dh: number, grid: Grid): BoardTile =>
	resizeTo(tile, tile.w + dw, tile.h + dh, grid);

/** A pointer's travel in pixels → whole cells, snapped to the nearest cell. */
export const cellsFromPixels = (px: number, cellPx: number): number =>
	cellPx > 0 ? Math.round(px / cellPx) || 0 : 0;

const overlaps = (a: Omit<BoardTile, 'type'>, b: Omit<BoardTile, 'type'>) =>
	a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The first cell (row by row, left to right) where a w×h tile fits inside the grid on free cells. */
export function firstFreePlace(
	layout: Layout,
	w: number,
	h: number
): { x: number; y: number } | null {
	for (let y = 0; y + h <= layout.rows; y++)
		for (let x = 0; x + w <= layout.columns; x++)
			if (!layout.tiles.some((t) => overlaps({ x, y, w, h }, t))) return { x, y };
	return null;
}

/**
 * The layout with a new tile of `type`: its default size (no larger than the grid) at the first
 * free place; where that does not fit, its minimum size; null when neither fits anywhere.
 */
export function addTile<L extends Layout>(
	layout: L,
	type: TileType
): { layout: L; index: number } | null {
	const info = TILE_TYPES[type];
	for (const size of [info.size, info.min]) {
		const w = Math.min(size.w, layout.columns);
		const h = Math.min(size.h, layout.rows);
		const at = firstFreePlace(layout, w, h);
		if (at) {
			const tile: BoardTile = { type, x: at.x, y: at.y, w, h };
			return { layout: { ...layout, tiles: [...layout.tiles, tile] }, index: layout.tiles.length };
		}
	}
	return null;
}

export function removeTile<L extends Layout>(layout: L, index: number): L {
	return { ...layout, tiles: layout.tiles.filter((_, i) => i !== index) };
}

export function replaceTile<L extends Layout>(layout: L, index: number, tile: BoardTile): L {
	return { ...layout, tiles: layout.tiles.map((t, i) => (i === index ? tile : t)) };
}

/** The tile with `options[name]` set, or removed when `value` is empty; no empty `options`. */
export function setOption(
	tile: BoardTile,
	name: 'queue' | 'metric',
	value: string | undefined
): BoardTile {
	const options: Record<string, string> = { ...tile.options };
	const v = value?.trim();
	if (v) options[name] = v;
	else delete options[name];
	const { options: _old, ...rest } = tile;
	void _old;
	return Object.keys(options).length > 0
		? { ...rest, options: options as BoardTile['options'] }
		: rest;
}

/** The grid resized to columns×rows (1–24); tiles stay where they are (validation flags any outside). */
export function setGrid<L extends Layout>(layout: L, columns: number, rows: number): L {
	const cells = (n: number, was: number) =>
		Number.isFinite(n) ? clamp(Math.round(n), 1, BOARD_MAX_CELLS) : was;
	return { ...layout, columns: cells(columns, layout.columns), rows: cells(rows, layout.rows) };
}

/** An id for a copy of `id` no board has: `hall-copy`, then `hall-copy-2`, … (64 characters at most). */
export function copyId(id: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	const base = `${id.slice(0, 52)}-copy`;
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * An id for a new board from its name: the name's letters and digits (`Night shift` →
 * `night-shift`), or `board` when it has none (a Chinese name), made unique like copyId.
 */
export function newId(name: string, taken: Iterable<string>, fallback = 'board'): string {
	const slug = name
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 56);
	const base = slug && BOARD_ID_PATTERN.test(slug) ? slug : fallback;
	const used = new Set(taken);
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The board as the API stores it and export writes it: only the contract's fields, in order. */
export function boardJson(board: Board): Board {
	return {
		id: board.id,
		name: board.name,
		columns: board.columns,
		rows: board.rows,
		tiles: board.tiles.map((t) => ({
			type: t.type,
			x: t.x,
			y: t.y,
			w: t.w,
			h: t.h,
			...(t.options && Object.keys(t.options).length > 0 ? { options: { ...t.options } } : {})
		}))
	};
}
