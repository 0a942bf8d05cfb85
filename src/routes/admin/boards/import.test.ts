import { describe, expect, it } from 'vitest';
import { importBoard } from './import';

const exported = {
	id: 'night',
	name: 'Night',
	columns: 12,
	rows: 6,
	tiles: [
		{ type: 'waiting', x: 0, y: 0, w: 3, h: 2, options: { queue: 'elderly' } },
		{ type: 'clock', x: 10, y: 0, w: 2, h: 1 }
	]
};

describe('importBoard', () => {
	it('takes an exported board under the new id, tiles unchanged', () => {
		const r = importBoard(JSON.stringify(exported), (name) => `${name.toLowerCase()}-2`);
		expect(r).toEqual({ ok: true, value: { ...exported, id: 'night-2' } });
	});
	it('refuses what checkBoard refuses, naming the tile', () => {
		const bad = {
			...exported,
			tiles: [...exported.tiles, { type: 'clock', x: 11, y: 0, w: 1, h: 1 }]
		};
		const r = importBoard(JSON.stringify(bad), () => 'x');
		expect(r).toEqual({
			ok: false,
			problems: [{ tile: 2, message: 'tile 2 (clock) overlaps tile 1 (clock)' }]
		});
	});
	it('says when the text is not JSON, and refuses a JSON that is not a board', () => {
		const r = importBoard('{"name": ', () => 'x');
		expect(r.ok).toBe(false);
		expect(r).toHaveProperty('notJson');
		const list = importBoard('[1, 2]', () => 'x');
		expect(list.ok).toBe(false);
		expect(list).toHaveProperty('problems');
	});
});
