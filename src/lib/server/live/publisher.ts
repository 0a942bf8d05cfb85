/**
 * Decides what to push and when (docs/contract.md §4), without any socket: the realtime layer calls
 * `tick(now)` when something changed (as often as push-gate.ts allows) or a second passed, and
 * broadcasts what it returns.
 *
 * - An accepted event marks the state dirty; the next tick pushes the change (≤ 100 ms later).
 * - Time alone changes figures (a ticket turns overdue, a wait grows, a window slides): the
 *   snapshot is re-evaluated at every whole second and pushed when anything but `at` changed.
 * - With nothing changing, a patch carrying the new `at` goes out every 5 s (heartbeat).
 */
import {
	HEARTBEAT_INTERVAL_MS,
	type Json,
	type LiveSnapshot,
	type PatchMessage,
	type Snapshot,
	diff
} from '../../contract';

export interface Publisher {
	/** Something changed (an event was applied): evaluate at the next tick. */
	markDirty(): void;
	/** The patch to broadcast now, if any; advances `seq` when it returns one. */
	tick(now: number): PatchMessage | null;
	/** The snapshot whose seq is the last one pushed. */
	current(): Snapshot;
	/** Whether a change is waiting for the next tick. */
	readonly dirty: boolean;
}

export function createPublisher(compute: (now: number) => LiveSnapshot, now: number): Publisher {
	let seq = 1;
	let last: Snapshot = { ...compute(now), seq };
	let lastPushAt = now;
	let lastEvaluatedSecond = Math.floor(now / 1000);
	let dirty = false;

	return {
		markDirty() {
			dirty = true;
		},
		get dirty() {
			return dirty;
		},
		current: () => last,
		tick(now) {
			const second = Math.floor(now / 1000);
			// A clock stepped back (NTP) makes `now` earlier than the last push: due at once, or the
			// heartbeat would wait until the clock caught up again and screens would go stale.
			const heartbeatDue = now - lastPushAt >= HEARTBEAT_INTERVAL_MS || now < lastPushAt;
			if (!dirty && second === lastEvaluatedSecond && !heartbeatDue) return null;
			dirty = false;
			lastEvaluatedSecond = second;
			const next: Snapshot = { ...compute(now), seq: seq + 1 };
			const patch = diff(
				last as unknown as { [k: string]: Json },
				next as unknown as {
					[k: string]: Json;
				}
			);
			if (!patch) return null;
			const onlyClock = Object.keys(patch).every((k) => k === 'at' || k === 'seq');
			if (onlyClock && !heartbeatDue) return null;
			const message: PatchMessage = { seq: next.seq, base: last.seq, patch };
			seq = next.seq;
			last = next;
			lastPushAt = now;
			return message;
		}
	};
}
