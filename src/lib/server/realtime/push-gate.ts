/**
 * When the next patch may go out (contract §4: at most 10 patch messages a second per client).
 *
 * Two rules, on the clock that stamps each snapshot's `at`: at most PATCHES_PER_SECOND_MAX
 * pushes in any 1000 ms, and at least PATCH_MIN_GAP_MS between two pushes. The window keeps the
 * promise exactly, as screens can check it by `at`; the gap spreads pushes out, so that after a
 * burst the next one waits at most 1000 − 9 × 98 = 118 ms. (A plain 100 ms gap, plus the
 * millisecond that Node's timers may fire early, drifts against a source that sends exactly 10
 * times a second — each push a little later than the last, until an event waits a whole 100 ms;
 * the window paces such a source without drift.) A clock that steps backwards clears the gate.
 */
export const PATCHES_PER_SECOND_MAX = 10;
export const PATCH_MIN_GAP_MS = 98;
const WINDOW_MS = 1000;

export interface PushGate {
	/** Milliseconds to wait, at `now`, before a push is allowed (0: now). */
	wait(now: number): number;
	/** A push went out at `now`. */
	record(now: number): void;
}

export function createPushGate(): PushGate {
	let recent: number[] = [];
	return {
		wait(now) {
			const last = recent[recent.length - 1];
			if (last === undefined) return 0;
			if (now < last) {
				recent = []; // the clock stepped back
				return 0;
			}
			let at = last + PATCH_MIN_GAP_MS;
			if (recent.length === PATCHES_PER_SECOND_MAX) at = Math.max(at, recent[0]! + WINDOW_MS);
			return Math.max(0, at - now);
		},
		record(now) {
			recent.push(now);
			if (recent.length > PATCHES_PER_SECOND_MAX) recent.shift();
		}
	};
}
