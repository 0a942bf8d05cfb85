import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './heap';

describe('MinHeap', () => {
	it('is empty at first', () => {
		const heap = new MinHeap<{ at: number; seq: number }>();
		expect(heap.size).toBe(0);
		expect(heap.peek()).toBeUndefined();
		expect(heap.pop()).toBeUndefined();
	});

	it('pops in (at, seq) order whatever the insertion order', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
				const heap = new MinHeap<{ at: number; seq: number }>();
				times.forEach((at, seq) => heap.push({ at, seq }));
				const out: { at: number; seq: number }[] = [];
				for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item);
				const expected = times
					.map((at, seq) => ({ at, seq }))
					.sort((a, b) => a.at - b.at || a.seq - b.seq);
				expect(out).toEqual(expected);
			})
		);
	});

	it('interleaves pushes and pops correctly', () => {
		const heap = new MinHeap<{ at: number; seq: number }>();
		heap.push({ at: 5, seq: 0 });
		heap.push({ at: 1, seq: 1 });
		expect(heap.pop()).toEqual({ at: 1, seq: 1 });
		heap.push({ at: 3, seq: 2 });
		heap.push({ at: 5, seq: 3 });
		expect([heap.pop()?.seq, heap.pop()?.seq, heap.pop()?.seq]).toEqual([2, 0, 3]);
		expect(heap.size).toBe(0);
	});
});
