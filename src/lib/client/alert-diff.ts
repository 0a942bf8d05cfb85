/** Which alerts are new and red since the last list: the wall beeps for those alone. */
import type { Alert } from '$lib/contract';

/**
 * Ids of active bad alerts not in `seen`. `seen` is updated with every active id, so an alert
 * beeps once, and the first list after loading (seen null) beeps for nothing: it is not news.
 */
export function newRedAlerts(seen: Set<number> | null, active: readonly Alert[]): number[] {
	if (seen === null) return [];
	return active.filter((a) => a.level === 'bad' && !seen.has(a.id)).map((a) => a.id);
}
