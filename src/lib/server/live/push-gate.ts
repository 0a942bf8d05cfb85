/**
 * When the next patch may go out (docs/contract.md §4: at most 10 patch messages a second per client).
 *
 * Two rules, on the clock that stamps each snapshot's `at`:
 * - the promise itself: at most PATCHES_PER_SECOND_MAX pushes in any 1000 ms (a sliding window
 *   over the last ten pushes), exactly as screens can check it by `at`;
 * - a token bucket that spreads a burst out: PATCH_BURST_MAX pushes may go back to back, then one
 *   per PATCH_REFILL_MS (1000 / 10). Calm traffic always finds a token, so an event that arrives
 *   right after a time-driven push (the once-a-second tick) goes out at once instead of waiting
 *   a fixed gap; a busy source is paced every 100 ms, and after a burst the next push waits at
 *   most 2 × 100 ms. Refilling at exactly 10 a second follows a source that sends exactly 10 a
 *   second without drift. A clock that steps backwards clears the gate.
 */
export const PATCHES_PER_SECOND_MAX = 10;
/** Pushes that may go out back to back before the 100 ms pacing applies. */
export const PATCH_BURST_MAX = 2;
const WINDOW_MS = 1000;
export const PATCH_REFILL_MS = WINDOW_MS / PATCHES_PER_SECOND_MAX;
/** The bucket's capacity in milliseconds of credit: one push costs PATCH_REFILL_MS. */
const CREDIT_MAX_MS = PATCH_BURST_MAX * PATCH_REFILL_MS;

export interface PushGate {
	/** Milliseconds to wait, at `now`, before a push is allowed (0: now). */
	wait(now: number): number;
	/** A push went out at `now`. */
	record(now: number): void;
}

export function createPushGate(): PushGate {
	let recent: number[] = [];
	/** Credit at `creditAt` (ms; it grows by 1 per ms up to CREDIT_MAX_MS). */
	let credit = CREDIT_MAX_MS;
	let creditAt = -Infinity;
	const creditNow = (now: number) => Math.min(CREDIT_MAX_MS, credit + (now - creditAt));

	return {
		wait(now) {
			const last = recent[recent.length - 1];
			if (last === undefined) return 0;
			if (now < last) {
				recent = []; // the clock stepped back
				credit = CREDIT_MAX_MS;
				creditAt = -Infinity;
				return 0;
			}
			let at = now + Math.max(0, PATCH_REFILL_MS - creditNow(now));
			if (recent.length === PATCHES_PER_SECOND_MAX) at = Math.max(at, recent[0]! + WINDOW_MS);
			return at - now;
		},
		record(now) {
			credit = creditNow(now) - PATCH_REFILL_MS;
			creditAt = now;
			recent.push(now);
			if (recent.length > PATCHES_PER_SECOND_MAX) recent.shift();
		}
	};
}
