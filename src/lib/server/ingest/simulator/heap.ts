/**
 * A binary min-heap of items ordered by (`at`, `seq`): the simulator's event calendar. `seq`
 * breaks ties in insertion order, so equal times pop deterministically (first in, first out).
 */
export type HeapItem = { at: number; seq: number };

function before(a: HeapItem, b: HeapItem): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class MinHeap<T extends HeapItem> {
	readonly #items: T[] = [];

	get size(): number {
		return this.#items.length;
	}

	/** The smallest item, or undefined when empty. */
	peek(): T | undefined {
		return this.#items[0];
	}

	push(item: T): void {
		const items = this.#items;
		let i = items.length;
		items.push(item);
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const p = items[parent] as T;
			if (!before(item, p)) break;
			items[i] = p;
			i = parent;
		}
		items[i] = item;
	}

	/** Removes and returns the smallest item, or undefined when empty. */
	pop(): T | undefined {
		const items = this.#items;
		const top = items[0];
		const last = items.pop();
		if (top === undefined || last === undefined || items.length === 0) return top;
		const n = items.length;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= n) break;
			const r = l + 1;
			let c = l;
			let child = items[l] as T;
			if (r < n) {
				const right = items[r] as T;
				if (before(right, child)) {
					c = r;
					child = right;
				}
			}
			if (!before(child, last)) break;
			items[i] = child;
			i = c;
		}
		items[i] = last;
		return top;
	}
}
