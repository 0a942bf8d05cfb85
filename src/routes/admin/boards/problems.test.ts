import { describe, expect, it } from 'vitest';
import { gridProblems, sizeWarnings } from '$lib/boards/validate';
import { byIndex, kindOf } from './problems';

describe('problems by tile', () => {
	const layout = {
		columns: 12,
		rows: 6,
		tiles: [
			{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
			{ type: 'queues', x: 2, y: 1, w: 4, h: 2 },
			{ type: 'clock', x: 11, y: 0, w: 2, h: 1 },
			{ type: 'series', x: 0, y: 4, w: 2, h: 2 }
		]
	};
	it('shows an overlap at both tiles and leaving the grid at the tile that does', () => {
		const { at, board } = byIndex(gridProblems(layout));
		expect(board).toEqual([]);
		expect([...at.keys()].sort()).toEqual([0, 1, 2]);
		expect(at.get(0)).toEqual([
			{ kind: 'overlap', message: 'tile 1 (queues) overlaps tile 0 (waiting)' }
		]);
		expect(at.get(1)).toEqual(at.get(0));
		expect(at.get(2)?.[0]?.kind).toBe('outside');
	});
	it('tells size warnings and server problems apart, and keeps board-wide ones', () => {
		expect(byIndex(sizeWarnings(layout)).at.get(3)).toEqual([
			{ kind: 'small', message: 'tile 3 (series) is 2×2; it is readable from 3×2' }
		]);
		const server = byIndex(
			[
				{ message: 'name must not be empty', field: 'name' },
				{ item: 1, message: 'item 1: board "gone" does not exist' }
			],
			'item'
		);
		expect(server.board).toEqual(['name must not be empty']);
		expect(server.at.get(1)).toEqual([
			{ kind: 'other', message: 'item 1: board "gone" does not exist' }
		]);
	});
	it('names the kind from the message', () => {
		expect(kindOf('tile 0: unknown type "weather"')).toBe('other');
	});
});
