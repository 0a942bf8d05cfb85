/**
 * Alerts from the wall's thresholds. Pure: which figures breach their band in a snapshot, and
 * how the active alerts change from one evaluation to the next.
 *
 * Rule (hysteresis, so a figure hovering at a band edge does not flap): an alert is RAISED when a
 * figure enters the red band (bad); while active it follows the figure's level (bad or warn) and
 * value; it CLEARS only when the figure is back in the green band (good) or has no value any
 * more. Amber alone never raises an alert: the wall already shows amber, and an alert is a call
 * to act. A figure that goes bad → warn → bad stays one alert; bad → good → bad is two.
 */
import type { Snapshot } from '../contract/snapshot';
import type { AlertLevel } from '../contract/supervision';
import {
	QUEUE_THRESHOLD_METRICS,
	type ThresholdMetric,
	type Thresholds
} from '../contract/thresholds';
import { classify, thresholdFor } from './thresholds';

/** The scope of a hall-wide figure in an alert key. */
export const HALL_SCOPE = 'all';

export type Breach = {
	/** `<metric>:<scope>`, e.g. `serviceLevelToday:all`, `longestWaitSeconds:elderly`. */
	key: string;
	metric: ThresholdMetric;
	scope: string;
	level: AlertLevel;
	value: number;
};

export function alertKey(metric: ThresholdMetric, scope: string): string {
	return `${metric}:${scope}`;
}

/** `serviceLevelToday:all` → { metric, scope }; the scope may itself contain ':'. */
export function parseAlertKey(key: string): { metric: string; scope: string } {
	const i = key.indexOf(':');
	return i < 0
		? { metric: key, scope: HALL_SCOPE }
		: { metric: key.slice(0, i), scope: key.slice(i + 1) };
}

type Snap = Pick<Snapshot, 'calls' | 'tickets'>;

/** Every figure in the warn or bad band, hall-wide and per queue, in a stable order. */
export function evaluateBreaches(snapshot: Snap, thresholds: Thresholds): Breach[] {
	const out: Breach[] = [];
	const check = (metric: ThresholdMetric, scope: string, value: number | null | undefined) => {
		const level = classify(
			value,
			thresholdFor(thresholds, metric, scope === HALL_SCOPE ? undefined : scope)
		);
		if ((level === 'warn' || level === 'bad') && typeof value === 'number') {
			out.push({ key: alertKey(metric, scope), metric, scope, level, value });
		}
	};
	const all = snapshot.calls.all;
	check('serviceLevelToday', HALL_SCOPE, all.serviceLevelToday);
	check('answerRate24h', HALL_SCOPE, all.answerRate24h);
	check('longestWaitSeconds', HALL_SCOPE, all.longestWaitSeconds);
	check('overdueEmergency', HALL_SCOPE, snapshot.tickets.overdue.emergency);
	check('overdueLivelihood', HALL_SCOPE, snapshot.tickets.overdue.livelihood);
	check('overdueGeneral', HALL_SCOPE, snapshot.tickets.overdue.general);
	for (const queue of Object.keys(snapshot.calls.byQueue).sort()) {
		const q = snapshot.calls.byQueue[queue];
		if (q === undefined) continue;
		for (const metric of QUEUE_THRESHOLD_METRICS) check(metric, queue, q[metric]);
	}
	return out;
}

export type ActiveAlert = { key: string; level: AlertLevel; value: number };

export type AlertChanges = {
	raise: Breach[];
	/** Active alerts whose level or value changed. */
	update: Breach[];
	/** Keys of active alerts to clear. */
	clear: string[];
};

/** What to do with the active alerts given the breaches now (see the rule above). */
export function reconcileAlerts(
	active: readonly ActiveAlert[],
	breaches: readonly Breach[]
): AlertChanges {
	const byKey = new Map(breaches.map((b) => [b.key, b]));
	const activeKeys = new Set(active.map((a) => a.key));
	const changes: AlertChanges = { raise: [], update: [], clear: [] };
	for (const a of active) {
		const b = byKey.get(a.key);
		if (b === undefined) changes.clear.push(a.key);
		else if (b.level !== a.level || b.value !== a.value) changes.update.push(b);
	}
	for (const b of breaches) {
		if (!activeKeys.has(b.key) && b.level === 'bad') changes.raise.push(b);
	}
	return changes;
}
