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

/** While an escalated alert stays unacknowledged, the wall's alarm sounds again this often. */
export const ESCALATED_ALARM_REPEAT_MS = 30_000;

export type AlarmState = { lastAt: number | null; ids: ReadonlySet<number> };
export const NO_ALARM: AlarmState = { lastAt: null, ids: new Set() };

/**
 * The escalated alarm (louder than the beep): sounds when an active alert is escalated and not
 * acknowledged, at once for one not sounded yet, then every `repeatMs` while any such alert stays;
 * acknowledging (or clearing) every one of them silences it. `now` is the caller's clock.
 */
export function escalationAlarm(
	state: AlarmState,
	active: readonly Alert[],
	now: number,
	repeatMs: number = ESCALATED_ALARM_REPEAT_MS
): { sound: boolean; state: AlarmState } {
	const ids = new Set(
		active.filter((a) => a.escalatedAt != null && a.ackedAt === null).map((a) => a.id)
	);
	if (ids.size === 0) return { sound: false, state: NO_ALARM };
	const fresh = [...ids].some((id) => !state.ids.has(id));
	const sound = fresh || state.lastAt === null || now - state.lastAt >= repeatMs;
	return { sound, state: { lastAt: sound ? now : state.lastAt, ids } };
}
