/**
 * Burn-in care: the whole board moves a few pixels every few minutes, around a small square, so
 * no edge stays on the same pixels all day.
 */

/** How long the board stays at one offset. */
export const DRIFT_INTERVAL_MS = 3 * 60_000;

/** Offsets in units of the drift step: the centre, then around it. */
const PATH: ReadonlyArray<readonly [number, number]> = [
	[0, 0],
	[1, 0],
	[1, 1],
	[0, 1],
	[-1, 1],
	[-1, 0],
	[-1, -1],
	[0, -1],
	[1, -1]
];

/** The offset (−1, 0 or 1 on each axis) at epoch-ms `now`. */
export function driftAt(now: number): { dx: number; dy: number } {
	const i = Math.floor(now / DRIFT_INTERVAL_MS) % PATH.length;
	const [dx, dy] = PATH[(i + PATH.length) % PATH.length] as readonly [number, number];
	return { dx, dy };
}
