import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BoardTile } from '$lib/contract/boards';
import { TILE_TYPE_NAMES } from './catalogue';
import {
	addTile,
	boardJson,
	cellsFromPixels,
	copyId,
	firstFreePlace,
	moveBy,
	moveTo,
	newId,
	removeTile,
	replaceTile,
	resizeBy,
	resizeTo,
	setGrid,
	setOption
} from './edit';
import { gridProblems } from './validate';

const grid = { columns: 12, rows: 6 };
const tile = (x: number, y: number, w: number, h: number, type = 'waiting'): BoardTile => ({
	type,
	x,
	y,
	w,
	h
});

describe('moving and resizing', () => {
	it('moves by whole cells and stops at the grid edges', () => {
		expect(moveBy(tile(2, 1, 3, 2), 1, 1, grid)).toEqual(tile(3, 2, 3, 2));
		expect(moveBy(tile(8, 3, 3, 2), 5, 5, grid)).toEqual(tile(9, 4, 3, 2));
		expect(moveBy(tile(1, 1, 3, 2), -4, -4, grid)).toEqual(tile(0, 0, 3, 2));
		expect(moveTo(tile(0, 0, 3, 2), 4.4, 2.6, grid)).toEqual(tile(4, 3, 3, 2));
	});
	it('puts a tile wider than the grid at column 0 rather than at a negative column', () => {
		expect(moveTo(tile(0, 0, 14, 2), 3, 0, grid)).toEqual(tile(0, 0, 14, 2));
	});
	it('resizes from the top-left corner: at least 1×1, no further than the grid', () => {
		expect(resizeBy(tile(2, 1, 3, 2), 1, 2, grid)).toEqual(tile(2, 1, 4, 4));
		expect(resizeBy(tile(2, 1, 3, 2), -5, -5, grid)).toEqual(tile(2, 1, 1, 1));
		expect(resizeTo(tile(9, 4, 2, 1), 6, 6, grid)).toEqual(tile(9, 4, 3, 2));
	});
	it('keeps the options of the tile it moves', () => {
		const t = { ...tile(0, 0, 3, 2), options: { queue: 'elderly' } };
		expect(moveBy(t, 1, 0, grid).options).toEqual({ queue: 'elderly' });
	});
	it('snaps a pointer travel to the nearest cell', () => {
		expect(cellsFromPixels(70, 160)).toBe(0);
		expect(cellsFromPixels(81, 160)).toBe(1);
		expect(cellsFromPixels(-250, 160)).toBe(-2);
		expect(cellsFromPixels(-10, 160)).toBe(0);
		expect(cellsFromPixels(100, 0)).toBe(0);
	});
});

describe('first free place', () => {
	it('scans row by row, left to right', () => {
		const layout = { ...grid, tiles: [tile(0, 0, 3, 2), tile(3, 0, 3, 2)] };
		expect(firstFreePlace(layout, 3, 2)).toEqual({ x: 6, y: 0 });
		expect(firstFreePlace(layout, 7, 1)).toEqual({ x: 0, y: 2 });
		expect(firstFreePlace({ ...grid, tiles: [tile(0, 0, 12, 6)] }, 1, 1)).toBeNull();
	});
	it('finds a gap between tiles only when it is big enough', () => {
		const layout = { ...grid, tiles: [tile(0, 0, 5, 6), tile(7, 0, 5, 6)] };
		expect(firstFreePlace(layout, 2, 6)).toEqual({ x: 5, y: 0 });
		expect(firstFreePlace(layout, 3, 1)).toBeNull();
	});
	it('adds a tile at its default size, else at its minimum, else nowhere', () => {
		const empty = { id: 'b', name: 'B', ...grid, tiles: [] as BoardTile[] };
		expect(addTile(empty, 'series')).toEqual({
			layout: { ...empty, tiles: [{ type: 'series', x: 0, y: 0, w: 5, h: 2 }] },
			index: 0
		});
		// 12×6 with all but a 3×2 corner filled: series (5×2 default) falls back to its 3×2 minimum.
		const nearlyFull = { ...empty, tiles: [tile(0, 0, 12, 4), tile(0, 4, 9, 2)] };
		expect(addTile(nearlyFull, 'series')?.layout.tiles[2]).toEqual(tile(9, 4, 3, 2, 'series'));
		expect(addTile(nearlyFull, 'districtMap')).toBeNull();
		// A grid smaller than the default: the tile is cut to the grid.
		expect(addTile({ ...empty, columns: 4, rows: 3 }, 'districtMap')?.layout.tiles).toEqual([
			tile(0, 0, 4, 3, 'districtMap')
		]);
	});
	it('never places a tile outside the grid or over another (any grid, any sequence)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 24 }),
				fc.integer({ min: 1, max: 24 }),
				fc.array(fc.constantFrom(...TILE_TYPE_NAMES), { maxLength: 30 }),
				(columns, rows, types) => {
					let layout = { columns, rows, tiles: [] as BoardTile[] };
					for (const type of types) {
						const added = addTile(layout, type);
						if (added) layout = added.layout;
					}
					expect(gridProblems(layout)).toEqual([]);
				}
			)
		);
	});
});

describe('tiles and options', () => {
	const layout = { ...grid, tiles: [tile(0, 0, 3, 2), tile(3, 0, 3, 2, 'clock')] };
	it('removes and replaces by index without touching the input', () => {
		expect(removeTile(layout, 0).tiles).toEqual([tile(3, 0, 3, 2, 'clock')]);
		expect(replaceTile(layout, 1, tile(6, 0, 2, 1, 'clock')).tiles).toEqual([
			tile(0, 0, 3, 2),
			tile(6, 0, 2, 1, 'clock')
		]);
		expect(layout.tiles).toHaveLength(2);
		expect(layout.tiles[1]).toEqual(tile(3, 0, 3, 2, 'clock'));
	});
	it('sets an option, trims it, and drops options left empty', () => {
		const t = setOption(tile(0, 0, 3, 2), 'queue', ' elderly ');
		expect(t).toEqual({ ...tile(0, 0, 3, 2), options: { queue: 'elderly' } });
		expect(setOption(t, 'queue', '')).toEqual(tile(0, 0, 3, 2));
		expect(setOption(t, 'queue', undefined)).not.toHaveProperty('options');
	});
	it('sets the grid within 1–24 and leaves tiles where they are', () => {
		const g = setGrid(layout, 4, 30);
		expect([g.columns, g.rows]).toEqual([4, 24]);
		expect(g.tiles).toBe(layout.tiles);
		expect(gridProblems(g).map((p) => p.tile)).toEqual([1]);
		expect(setGrid(layout, Number.NaN, 0)).toMatchObject({ columns: 12, rows: 1 });
	});
});

describe('ids', () => {
	it('names a copy -copy, then -copy-2, -copy-3', () => {
		expect(copyId('hall', ['hall'])).toBe('hall-copy');
		expect(copyId('hall', ['hall', 'hall-copy', 'hall-copy-2'])).toBe('hall-copy-3');
		expect(copyId('x'.repeat(64), []).length).toBeLessThanOrEqual(64);
	});
	it('makes a new id from the name, or board for a name with no Latin letters', () => {
		expect(newId('Night shift', [])).toBe('night-shift');
		expect(newId('夜班', [])).toBe('board');
		expect(newId('夜班', ['board', 'board-2'])).toBe('board-3');
		expect(newId('  --Café 2--  ', [])).toBe('cafe-2');
	});
});

describe('boardJson', () => {
	it('keeps only the contract fields and no empty options', () => {
		const b = {
			id: 'b',
			name: 'B',
			columns: 12,
			rows: 6,
			tiles: [{ ...tile(0, 0, 3, 2), options: {} }, { ...tile(3, 0, 3, 2), extra: 1 } as BoardTile]
		};
		expect(boardJson(b)).toEqual({
			id: 'b',
			name: 'B',
			columns: 12,
			rows: 6,
			tiles: [tile(0, 0, 3, 2), tile(3, 0, 3, 2)]
		});
	});
});
