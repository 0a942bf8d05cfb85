import { describe, expect, it } from 'vitest';
import { BUILT_IN_BOARDS } from './builtin';
import { checkBoard, checkPlaylist, sizeWarnings } from './validate';

const board = (tiles: unknown[], extra: Record<string, unknown> = {}) => ({
	name: 'Test',
	columns: 12,
	rows: 6,
	tiles,
	...extra
});

describe('checkBoard', () => {
	it('accepts a board inside its grid and gives it the URL id', () => {
		const r = checkBoard(board([{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 }]), 'b1');
		expect(r).toEqual({
			ok: true,
			value: {
				id: 'b1',
				name: 'Test',
				columns: 12,
				rows: 6,
				tiles: [{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 }]
			}
		});
	});
	it.each([
		['right edge', { type: 'waiting', x: 10, y: 0, w: 3, h: 2 }, 'leaves the grid'],
		['bottom edge', { type: 'waiting', x: 0, y: 5, w: 1, h: 2 }, 'leaves the grid'],
		['unknown type', { type: 'weather', x: 0, y: 0, w: 1, h: 1 }, 'unknown type "weather"'],
		[
			'foreign option',
			{ type: 'queues', x: 0, y: 0, w: 4, h: 2, options: { queue: 'a' } },
			'takes no option "queue"'
		],
		['negative x', { type: 'waiting', x: -1, y: 0, w: 1, h: 1 }, 'x '],
		['fractional w', { type: 'waiting', x: 0, y: 0, w: 1.5, h: 1 }, 'w must be an integer']
	])('refuses a tile with a %s, naming its index', (_, tile, message) => {
		const r = checkBoard(board([{ type: 'clock', x: 0, y: 5, w: 2, h: 1 }, tile]), 'b1');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.problems[0]).toMatchObject({ tile: 1 });
		expect(r.problems[0]?.message).toContain('tile 1');
		expect(r.problems[0]?.message).toContain(message);
	});
	it('names the later of two overlapping tiles and the one it overlaps', () => {
		const r = checkBoard(
			board([
				{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
				{ type: 'clock', x: 5, y: 0, w: 2, h: 1 },
				{ type: 'agents', x: 2, y: 1, w: 2, h: 2 }
			]),
			'b1'
		);
		expect(r).toEqual({
			ok: false,
			problems: [{ tile: 2, message: 'tile 2 (agents) overlaps tile 0 (waiting)' }]
		});
	});
	it('lets tiles touch edge to edge', () => {
		const r = checkBoard(
			board([
				{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
				{ type: 'agents', x: 3, y: 0, w: 3, h: 2 },
				{ type: 'today', x: 0, y: 2, w: 3, h: 2 }
			]),
			'b1'
		);
		expect(r.ok).toBe(true);
	});
	it.each([
		[{ columns: 0 }, 'columns'],
		[{ rows: 25 }, 'rows'],
		[{ name: '  ' }, 'name'],
		[{ id: 'other' }, 'id'],
		[{ extra: 1 }, '']
	])('refuses a board with %o', (extra, field) => {
		const r = checkBoard(board([], extra), 'b1');
		expect(r.ok).toBe(false);
		if (!r.ok && field) expect(r.problems[0]?.field).toBe(field);
	});
	it('refuses an id a URL cannot carry', () => {
		expect(checkBoard(board([]), 'a/b').ok).toBe(false);
		expect(checkBoard(board([]), '-x').ok).toBe(false);
	});
	it('accepts every built-in board, each within the minimum sizes', () => {
		for (const b of BUILT_IN_BOARDS) {
			expect(checkBoard(b, b.id)).toEqual({ ok: true, value: b });
			expect(sizeWarnings(b)).toEqual([]);
		}
	});
	it('warns about a tile smaller than its type reads well in', () => {
		expect(sizeWarnings({ tiles: [{ type: 'districtMap', x: 0, y: 0, w: 2, h: 2 }] })).toEqual([
			{ tile: 0, message: 'tile 0 (districtMap) is 2×2; it is readable from 4×3' }
		]);
	});
});

describe('checkPlaylist', () => {
	it('accepts items of 5 seconds and more', () => {
		expect(checkPlaylist({ name: 'P', items: [{ board: 'hall', seconds: 5 }] }, 'p1')).toEqual({
			ok: true,
			value: { id: 'p1', name: 'P', items: [{ board: 'hall', seconds: 5 }] }
		});
	});
	it('refuses an item shorter than 5 seconds, naming it', () => {
		const r = checkPlaylist(
			{
				name: 'P',
				items: [
					{ board: 'hall', seconds: 30 },
					{ board: 'city', seconds: 4 }
				]
			},
			'p1'
		);
		expect(r).toEqual({
			ok: false,
			problems: [{ item: 1, field: 'seconds', message: 'item 1: seconds must be at least 5' }]
		});
	});
	it('refuses an empty playlist', () => {
		expect(checkPlaylist({ name: 'P', items: [] }, 'p1').ok).toBe(false);
	});
});
