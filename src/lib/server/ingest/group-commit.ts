/**
 * Group commit in front of the event log's append: while one write is in flight, the requests
 * that arrive queue up, and when it finishes they all go in ONE append (one transaction) — one
 * flush at a time, everything queued at once. A request still resolves only once the write that
 * holds its events is durable; when that write fails, every request of the group is rejected with
 * the same error (the append is one transaction: nothing of the group was stored).
 *
 * Ids are de-duplicated across the group in arrival order: an id in two requests of one group
 * counts as accepted for the first and as a duplicate for the second, as if they had been written
 * one after the other. The group's `receivedAt` is its earliest request's (they differ by at most
 * the duration of one write).
 */
import type { WallboardEvent } from '../../contract/events';

/** The event log's append: resolves to the ids newly stored, throws when nothing was. */
export type Append = (
	events: readonly WallboardEvent[],
	receivedAt: number
) => Promise<Set<string>>;

/** Events per group at most; a larger request is written alone, in one piece. */
export const GROUP_COMMIT_MAX_EVENTS = 5000;

export interface GroupCommit {
	/** Resolves to the ids of `events` that this call accepted, once they are durable. */
	append(events: readonly WallboardEvent[], receivedAt: number): Promise<Set<string>>;
	/** How many writes the group commit made, and for how many requests (telemetry, tests). */
	stats(): { flushes: number; requests: number };
}

type Pending = {
	events: readonly WallboardEvent[];
	receivedAt: number;
	resolve(ids: Set<string>): void;
	reject(err: unknown): void;
};

export function createGroupCommit(
	append: Append,
	maxEvents: number = GROUP_COMMIT_MAX_EVENTS
): GroupCommit {
	let queue: Pending[] = [];
	let flushing = false;
	let flushes = 0;
	let requests = 0;

	/** The head of the queue up to maxEvents (at least one request). */
	function takeGroup(): Pending[] {
		let size = 0;
		let n = 0;
		while (n < queue.length && (n === 0 || size + queue[n]!.events.length <= maxEvents)) {
			size += queue[n]!.events.length;
			n++;
		}
		const group = queue.slice(0, n);
		queue = queue.slice(n);
		return group;
	}

	async function flush(): Promise<void> {
		flushing = true;
		try {
			while (queue.length > 0) {
				const group = takeGroup();
				flushes++;
				requests += group.length;
				await write(group);
			}
		} finally {
			flushing = false;
		}
	}

	async function write(group: Pending[]): Promise<void> {
		let stored: Set<string>;
		try {
			if (group.length === 1) {
				const only = group[0]!;
				only.resolve(await append(only.events, only.receivedAt));
				return;
			}
			const events = group.flatMap((p) => p.events);
			stored = await append(events, Math.min(...group.map((p) => p.receivedAt)));
		} catch (err) {
			for (const p of group) p.reject(err);
			return;
		}
		// Each stored id is the first request's that holds it; later holders see a duplicate.
		const claimed = new Set<string>();
		for (const p of group) {
			const mine = new Set<string>();
			for (const e of p.events) {
				if (stored.has(e.id) && !claimed.has(e.id)) {
					claimed.add(e.id);
					mine.add(e.id);
				}
			}
			p.resolve(mine);
		}
	}

	return {
		append(events, receivedAt) {
			const done = new Promise<Set<string>>((resolve, reject) => {
				queue.push({ events, receivedAt, resolve, reject });
			});
			// Not awaited here: write() settles every request's promise itself, success or failure.
			if (!flushing) void flush();
			return done;
		},
		stats: () => ({ flushes, requests })
	};
}
