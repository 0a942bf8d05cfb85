import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, push, redo, startHistory, undo } from './undo';

describe('undo history', () => {
	it('undoes and redoes in order, and a new change drops the redo steps', () => {
		let h = startHistory('a');
		h = push(h, 'b');
		h = push(h, 'c');
		expect([canUndo(h), canRedo(h)]).toEqual([true, false]);
		h = undo(h);
		expect(h.present).toBe('b');
		h = undo(h);
		expect(h.present).toBe('a');
		expect(canUndo(h)).toBe(false);
		expect(undo(h)).toBe(h);
		h = redo(h);
		expect(h.present).toBe('b');
		h = push(h, 'd');
		expect(h).toEqual({ past: ['a', 'b'], present: 'd', future: [] });
		expect(redo(h)).toBe(h);
	});
	it('records no step for a state equal to the present', () => {
		const h = push(startHistory({ x: 1 }), { x: 2 });
		expect(push(h, { x: 2 })).toBe(h);
	});
	it('keeps at most `limit` steps, dropping the oldest', () => {
		let h = startHistory(0);
		for (let i = 1; i <= 5; i++) h = push(h, i, 3);
		expect(h.past).toEqual([2, 3, 4]);
	});
	it('n undos after n distinct pushes come back to the start, n redos to the end', () => {
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({ min: 1 }), { maxLength: 40 }), (values) => {
				let h = startHistory(0);
				for (const v of values) h = push(h, v);
				for (const _ of values) h = undo(h);
				expect(h.present).toBe(0);
				for (const _ of values) h = redo(h);
				expect(h.present).toBe(values.at(-1) ?? 0);
			})
		);
	});
});
