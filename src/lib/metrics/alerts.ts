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
import type { AgentState } from '../contract/events';
import {
	AGENT_THRESHOLD_METRICS,
	type ThresholdMetric,
	type Thresholds
} from '../contract/thresholds';
import { classify, thresholdFor } from './thresholds';

/** The scope of a hall-wide figure in an alert key. */
export const HALL_SCOPE = 'all';

/** What an alert is about: a figure with thresholds, or a surge of tickets (surge-scan.ts). */
export type AlertMetric = ThresholdMetric | 'surge';
export const SURGE_METRIC = 'surge';

/** '/' and '%' in a name are escaped, so the scope splits unambiguously at its one '/'. */
const escapeName = (s: string) => s.replace(/%/g, '%25').replace(/\//g, '%2F');
const unescapeName = (s: string) => s.replace(/%2F/g, '/').replace(/%25/g, '%');

/** A surge's scope: `朝阳区/供暖`, `朝阳区/` (all topics), `/供暖` (the whole city). */
export function surgeScope(district: string, topic?: string): string {
	return `${escapeName(district)}/${escapeName(topic ?? '')}`;
}

/** `朝阳区/供暖` → { district: '朝阳区', topic: '供暖' }; an empty part is '' / undefined. */
export function parseSurgeScope(scope: string): { district: string; topic?: string } {
	const i = scope.indexOf('/');
	const district = unescapeName(i < 0 ? scope : scope.slice(0, i));
	const topic = i < 0 ? '' : unescapeName(scope.slice(i + 1));
	return topic === '' ? { district } : { district, topic };
}

export type Breach = {
	/** `<metric>:<scope>`, e.g. `serviceLevelToday:all`, `longestWaitSeconds:elderly`. */
	key: string;
	metric: AlertMetric;
	scope: string;
	level: AlertLevel;
	value: number;
};

export function alertKey(metric: AlertMetric, scope: string): string {
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

/** The per-queue figures the snapshot carries (the agent figures are evaluated per agent). */
const SNAPSHOT_QUEUE_METRICS = [
	'serviceLevelToday',
	'answerRate24h',
	'longestWaitSeconds'
] as const;

/** What agent alerts read of an agent (engine LiveAgent). */
export type AgentForAlerts = {
	agentId: string;
	state: AgentState;
	since: number;
	team: string | null;
};

/**
 * A long call, wrap-up or break: one breach per agent whose time in its current state is in the
 * warn or red band of its team (or the hall's). Scope: the agent's id. Sorted by key.
 */
export function evaluateAgentBreaches(
	agents: Iterable<AgentForAlerts>,
	thresholds: Thresholds,
	now: number
): Breach[] {
	const out: Breach[] = [];
	for (const a of agents) {
		const metric = (AGENT_THRESHOLD_METRICS as Partial<Record<AgentState, ThresholdMetric>>)[
			a.state
		];
		if (metric === undefined) continue;
		const value = Math.max(0, Math.floor((now - a.since) / 1000));
		const level = classify(value, thresholdFor(thresholds, metric, a.team ?? undefined));
		if (level === 'warn' || level === 'bad') {
			out.push({ key: alertKey(metric, a.agentId), metric, scope: a.agentId, level, value });
		}
	}
	return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

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
		for (const metric of SNAPSHOT_QUEUE_METRICS) check(metric, queue, q[metric]);
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

/** A figure must stay in the red band this long before its alert is raised. */
export const ALERT_RAISE_HOLD_MS = 20_000;
/** An active alert's figure must stay out of the red/amber bands this long before it clears. */
export const ALERT_CLEAR_HOLD_MS = 30_000;

export type AlertHolds = { raiseHoldMs: number; clearHoldMs: number };
export const DEFAULT_ALERT_HOLDS: AlertHolds = {
	raiseHoldMs: ALERT_RAISE_HOLD_MS,
	clearHoldMs: ALERT_CLEAR_HOLD_MS
};

/**
 * What the holds remember between evaluations: since when a not-yet-raised key has been red
 * (`raising`), and since when an active key has had no breach (`clearing`). Times in epoch ms.
 */
export type HoldState = {
	readonly raising: ReadonlyMap<string, number>;
	readonly clearing: ReadonlyMap<string, number>;
};
export const EMPTY_HOLD_STATE: HoldState = { raising: new Map(), clearing: new Map() };

/**
 * {@link reconcileAlerts} with hysteresis in time: a red figure is raised only once it has been
 * red at every evaluation for `raiseHoldMs`, and an active alert clears only once its figure has
 * been back to green at every evaluation for `clearHoldMs`. A red figure that turns amber (or
 * green) before its hold is up starts again from zero; an alert whose figure comes back before
 * its clear hold is up stays the same alert. Level and value updates are not held.
 */
export function reconcileWithHolds(
	active: readonly ActiveAlert[],
	breaches: readonly Breach[],
	state: HoldState,
	now: number,
	holds: AlertHolds = DEFAULT_ALERT_HOLDS
): { changes: AlertChanges; state: HoldState } {
	const plain = reconcileAlerts(active, breaches);
	const raising = new Map<string, number>();
	const clearing = new Map<string, number>();
	const changes: AlertChanges = { raise: [], update: plain.update, clear: [] };
	for (const b of plain.raise) {
		const since = state.raising.get(b.key) ?? now;
		if (now - since >= holds.raiseHoldMs) changes.raise.push(b);
		else raising.set(b.key, since);
	}
	for (const key of plain.clear) {
		const since = state.clearing.get(key) ?? now;
		if (now - since >= holds.clearHoldMs) changes.clear.push(key);
		else clearing.set(key, since);
	}
	return { changes, state: { raising, clearing } };
}

/** An unacknowledged red alert escalates this long after it was raised (ALERT_ESCALATE_MINUTES). */
export const ALERT_ESCALATE_MS = 10 * 60_000;

export type EscalationCandidate = {
	key: string;
	level: AlertLevel;
	raisedAt: number;
	ackedAt: number | null;
	escalatedAt: number | null;
};

/**
 * Keys of the active alerts that escalate now: red, not acknowledged, not yet escalated, raised
 * at least `escalateMs` ago. An alert acknowledged in time never escalates; one that went amber
 * waits until it is red again.
 */
export function dueForEscalation(
	active: readonly EscalationCandidate[],
	now: number,
	escalateMs: number = ALERT_ESCALATE_MS
): string[] {
	return active
		.filter(
			(a) =>
				a.level === 'bad' &&
				a.ackedAt === null &&
				a.escalatedAt === null &&
				now - a.raisedAt >= escalateMs
		)
		.map((a) => a.key)
		.sort();
}
