import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract';
import { createGroupCommit } from './group-commit';

const ev = (id: string) =>
	({ id, type: 'call.offered', at: 0, callId: `c-${id}`, queue: 'q' }) as WallboardEvent;
const evs = (...ids: string[]) => ids.map(ev);
const ids = (s: Set<string>) => [...s].sort();

type Write = {
	ids: string[];
	receivedAt: number;
	resolve(): void;
	reject(err: Error): void;
};

/**
 * A fake event log: each append waits until the test resolves it; it then stores the ids it has
 * not stored before (first occurrence wins, as the database's unique id does).
 */
function fakeLog() {
	const stored = new Set<string>();
	const writes: Write[] = [];
	const append = (events: readonly WallboardEvent[], receivedAt: number) =>
		new Promise<Set<string>>((resolve, reject) => {
			writes.push({
				ids: events.map((e) => e.id),
				receivedAt,
				resolve: () => {
					const fresh = new Set<string>();
					for (const e of events) {
						if (!stored.has(e.id)) {
							stored.add(e.id);
							fresh.add(e.id);
						}
					}
					resolve(fresh);
				},
				reject
			});
		});
	return { append, writes, stored };
}

/** Settles every pending promise callback. */
const settle = () => new Promise((r) => setImmediate(r));

function track<T>(p: Promise<T>) {
	const t: { done: boolean; value?: T; error?: unknown } = { done: false };
	p.then(
		(value) => Object.assign(t, { done: true, value }),
		(error: unknown) => Object.assign(t, { done: true, error })
	);
	return t;
}

describe('createGroupCommit', () => {
	it('writes a lone request at once, and answers it only once its write is durable', async () => {
		const log = fakeLog();
		const gc = createGroupCommit(log.append);
		const a = track(gc.append(evs('a1', 'a2'), 100));
		expect(log.writes.map((w) => w.ids)).toEqual([['a1', 'a2']]);
		await settle();
		expect(a.done).toBe(false);
		log.writes[0]!.resolve();
		await settle();
		expect(ids(a.value!)).toEqual(['a1', 'a2']);
		expect(gc.stats()).toEqual({ flushes: 1, requests: 1 });
	});

	it('groups the requests that arrive during a write into the next one, in arrival order', async () => {
		const log = fakeLog();
		const gc = createGroupCommit(log.append);
		const a = track(gc.append(evs('a'), 100));
		const b = track(gc.append(evs('b1', 'b2'), 103));
		const c = track(gc.append(evs('c'), 101));
		expect(log.writes).toHaveLength(1);
		log.writes[0]!.resolve();
		await settle();
		expect(ids(a.value!)).toEqual(['a']);
		// b and c: one write, b's events before c's, the group's earliest receivedAt.
		expect(log.writes.map((w) => [w.ids, w.receivedAt])).toEqual([
			[['a'], 100],
			[['b1', 'b2', 'c'], 101]
		]);
		expect([b.done, c.done]).toEqual([false, false]);
		const d = track(gc.append(evs('d'), 104));
		log.writes[1]!.resolve();
		await settle();
		expect(ids(b.value!)).toEqual(['b1', 'b2']);
		expect(ids(c.value!)).toEqual(['c']);
		expect(d.done).toBe(false);
		expect(log.writes[2]!.ids).toEqual(['d']);
		log.writes[2]!.resolve();
		await settle();
		expect(ids(d.value!)).toEqual(['d']);
		expect(gc.stats()).toEqual({ flushes: 3, requests: 4 });
	});

	it('fails every request of a failed group with its error, stores none of it, and goes on', async () => {
		const log = fakeLog();
		const gc = createGroupCommit(log.append);
		const a = track(gc.append(evs('a'), 1));
		const b = track(gc.append(evs('b'), 2));
		const c = track(gc.append(evs('c'), 3));
		log.writes[0]!.resolve();
		await settle();
		const down = new Error('database down');
		log.writes[1]!.reject(down);
		await settle();
		expect(ids(a.value!)).toEqual(['a']);
		expect([b.error, c.error]).toEqual([down, down]);
		expect(ids(log.stored)).toEqual(['a']);
		// The next request is written on its own, and b's events may be sent again.
		const again = track(gc.append(evs('b'), 4));
		expect(log.writes[2]!.ids).toEqual(['b']);
		log.writes[2]!.resolve();
		await settle();
		expect(ids(again.value!)).toEqual(['b']);
	});

	it('de-duplicates ids across a group: the first request counts it, later ones see a duplicate', async () => {
		const log = fakeLog();
		const gc = createGroupCommit(log.append);
		log.stored.add('old');
		const a = track(gc.append(evs('a'), 1));
		const b = track(gc.append(evs('x', 'y', 'old'), 2));
		const c = track(gc.append(evs('y', 'z'), 3));
		const d = track(gc.append(evs('x', 'z'), 4));
		log.writes[0]!.resolve();
		await settle();
		log.writes[1]!.resolve();
		await settle();
		expect(ids(a.value!)).toEqual(['a']);
		expect(ids(b.value!)).toEqual(['x', 'y']);
		expect(ids(c.value!)).toEqual(['z']);
		expect(ids(d.value!)).toEqual([]);
	});

	it('caps a group at maxEvents; a larger request goes alone and whole', async () => {
		const log = fakeLog();
		const gc = createGroupCommit(log.append, 3);
		void gc.append(evs('a'), 1);
		void gc.append(evs('b1', 'b2'), 2);
		void gc.append(evs('c'), 3);
		void gc.append(evs('d1', 'd2', 'd3', 'd4'), 4);
		void gc.append(evs('e'), 5);
		for (let i = 0; i < 4; i++) {
			log.writes[i]!.resolve();
			await settle();
		}
		expect(log.writes.map((w) => w.ids)).toEqual([
			['a'],
			['b1', 'b2', 'c'],
			['d1', 'd2', 'd3', 'd4'],
			['e']
		]);
	});

	it('property: each id is accepted exactly once, by the first request that sent it', async () => {
		const request = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), {
			minLength: 1,
			maxLength: 4
		});
		// Requests arrive in waves: each wave lands while the previous write is in flight.
		const waves = fc.array(fc.array(request, { minLength: 1, maxLength: 4 }), {
			minLength: 1,
			maxLength: 5
		});
		await fc.assert(
			fc.asyncProperty(waves, async (waves) => {
				const log = fakeLog();
				const gc = createGroupCommit(log.append, 5);
				const answers: Array<{ sent: string[]; got: ReturnType<typeof track<Set<string>>> }> = [];
				let written = 0;
				for (const wave of waves) {
					for (const sent of wave) answers.push({ sent, got: track(gc.append(evs(...sent), 0)) });
					log.writes[written++]?.resolve();
					await settle();
				}
				while (written < log.writes.length) {
					log.writes[written++]!.resolve();
					await settle();
				}
				// What writing the requests one at a time, in arrival order, would have answered.
				const seen = new Set<string>();
				for (const { sent, got } of answers) {
					const expected = sent.filter((id) => !seen.has(id));
					for (const id of sent) seen.add(id);
					expect(got.done).toBe(true);
					expect(ids(got.value!)).toEqual([...expected].sort());
				}
			})
		);
	});
});
