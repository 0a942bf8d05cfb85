/**
 * The total order of events: by `at`, then by `id` (ids are unique, so no two events tie). Every
 * "earliest wins" or "latest wins" rule (rules.ts) is stated in this order, which is what makes
 * the engine and the rollups independent of arrival order.
 */

/** What orders an event: its instant and, to break ties, its id. */
export type Stamp = { at: number; id: string };

/** True when `a` comes strictly before `b` in the (at, id) order. */
export function before(a: Stamp, b: Stamp): boolean {
	return a.at < b.at || (a.at === b.at && a.id < b.id);
}

/** True when `e` takes the place of `current` under "earliest wins". */
export function replacesEarliest(current: Stamp | null | undefined, e: Stamp): boolean {
	return current == null || before(e, current);
}

/** True when `e` takes the place of `current` under "latest wins". */
export function replacesLatest(current: Stamp | null | undefined, e: Stamp): boolean {
	return current == null || before(current, e);
}
