/**
 * How old the screen's data is, from the browser's own clock: the server pushes at least every
 * 5 s, so silence means the feed (or the network, or the server) is gone.
 */

/** After this long without a message, a banner says so (数据已 N 秒未更新). */
export const STALE_BANNER_MS = 10_000;
/** After this long, the figures are greyed out: they may be wrong. */
export const STALE_GREY_MS = 60_000;

export type Freshness = 'waiting' | 'fresh' | 'stale' | 'expired';

export type Staleness = {
	freshness: Freshness;
	/** Whole seconds since the last message; 0 before the first. */
	ageSeconds: number;
};

/** `lastMessageAt` 0 means nothing has arrived yet. */
export function staleness(now: number, lastMessageAt: number): Staleness {
	if (lastMessageAt <= 0) return { freshness: 'waiting', ageSeconds: 0 };
	const age = Math.max(0, now - lastMessageAt);
	const ageSeconds = Math.floor(age / 1000);
	if (age >= STALE_GREY_MS) return { freshness: 'expired', ageSeconds };
	if (age >= STALE_BANNER_MS) return { freshness: 'stale', ageSeconds };
	return { freshness: 'fresh', ageSeconds };
}

/**
 * A figure that grows with time (the longest wait) between two pushes: its value at `at`, plus
 * the whole seconds elapsed since it was received. Never runs backwards on a late push.
 */
export function tickingSeconds(valueSeconds: number, receivedAt: number, now: number): number {
	return valueSeconds + Math.max(0, Math.floor((now - receivedAt) / 1000));
}

/** Whole seconds from `now` to the ISO instant `iso` (negative once it has passed). */
export function secondsUntil(iso: string, now: number): number {
	return Math.ceil((Date.parse(iso) - now) / 1000);
}
