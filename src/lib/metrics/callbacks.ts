/**
 * The callback figures of contract v1.1 §7, per queue and for the hall: abandoned calls awaiting a
 * callback (abandoned within (at − 24 h, at], no `call.callback`), the oldest of them, and the
 * calls called back within (at − 24 h, at]. An accumulator of the calls' callback outcomes
 * (rules.ts `callbackOutcome`): `count(outcome, ±1)` adds or retracts one call.
 */
import type { CallbackOutcome } from './rules';
import { SortedTimes } from './sorted-times';

export const CALLBACK_WINDOW_MS = 24 * 3600_000;

export type CallbackStats = {
	abandonedAwaitingCallback: number;
	oldestAwaitingCallbackAt: string | null;
	calledBack24h: number;
};

type Windows = { awaiting: SortedTimes; calledBack: SortedTimes };

function newWindows(): Windows {
	return { awaiting: new SortedTimes(), calledBack: new SortedTimes() };
}

function addOrRemove(times: SortedTimes, t: number | null, sign: 1 | -1): void {
	if (t === null) return;
	if (sign > 0) times.add(t);
	else times.remove(t);
}

export function createCallbacks() {
	const all = newWindows();
	const byQueue = new Map<string, Windows>();

	function windowsOf(queue: string): Windows {
		let w = byQueue.get(queue);
		if (w === undefined) {
			w = newWindows();
			byQueue.set(queue, w);
		}
		return w;
	}

	function stats(w: Windows | undefined, now: number): CallbackStats {
		const low = now - CALLBACK_WINDOW_MS;
		const oldest = w?.awaiting.firstIn(low, now) ?? null;
		return {
			abandonedAwaitingCallback: w?.awaiting.countIn(low, now) ?? 0,
			oldestAwaitingCallbackAt: oldest === null ? null : new Date(oldest).toISOString(),
			calledBack24h: w?.calledBack.countIn(low, now) ?? 0
		};
	}

	return {
		count(c: CallbackOutcome, sign: 1 | -1): void {
			for (const w of [all, windowsOf(c.queue)]) {
				addOrRemove(w.awaiting, c.awaitingSince, sign);
				addOrRemove(w.calledBack, c.calledBackAt, sign);
			}
		},
		hall: (now: number) => stats(all, now),
		queue: (queue: string, now: number) => stats(byQueue.get(queue), now),
		prune(cutoff: number): void {
			for (const w of [all, ...byQueue.values()]) {
				w.awaiting.pruneBefore(cutoff);
				w.calledBack.pruneBefore(cutoff);
			}
		}
	};
}

export type Callbacks = ReturnType<typeof createCallbacks>;
