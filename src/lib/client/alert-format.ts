/** An alert in words for a screen: which figure, where, its value in the figure's unit. */
import { AGENT_THRESHOLD_METRICS, THRESHOLD_METRICS, type Alert, type Surge } from '$lib/contract';
import { parseSurgeScope, SURGE_METRIC } from '$lib/metrics/alerts';
import type { I18n } from './i18n';

/**
 * A surge alert as one sentence: "朝阳区 供暖诉求激增 23 件/时，常态 6". The baseline comes from
 * the snapshot's `tickets.surges` (the alert itself carries the count only); without a matching
 * surge (it is subsiding) the sentence ends at the count.
 */
export function surgeText(i18n: I18n, alert: Alert, surges: readonly Surge[] = []): string {
	const { district, topic } = parseSurgeScope(alert.scope);
	const count = i18n.number(alert.value);
	const head =
		topic === undefined
			? i18n.t('alerts.surge.district', { district, count })
			: district === ''
				? i18n.t('alerts.surge.topic', { topic, count })
				: i18n.t('alerts.surge.districtTopic', { district, topic, count });
	const surge = surges.find((s) => s.district === district && s.topic === topic);
	return surge === undefined
		? head
		: head + i18n.t('alerts.surge.expected', { expected: i18n.number(surge.expected, 1) });
}

export function alertMetric(i18n: I18n, alert: Alert): string {
	return i18n.t(`alerts.metric.${alert.metric}`, { defaultValue: alert.metric });
}

/** A long call, wrap-up or break: its scope is the agent's id. */
export function isAgentAlert(alert: Pick<Alert, 'metric'>): boolean {
	return (Object.values(AGENT_THRESHOLD_METRICS) as string[]).includes(alert.metric);
}

export function alertScope(i18n: I18n, alert: Alert): string {
	if (isAgentAlert(alert)) return i18n.t('alerts.agentScope', { id: alert.scope });
	if (alert.metric === SURGE_METRIC) {
		const { district, topic } = parseSurgeScope(alert.scope);
		return [district || i18n.t('alerts.hall'), topic].filter(Boolean).join(' ');
	}
	return alert.scope === 'all'
		? i18n.t('alerts.hall')
		: i18n.t(`queue.${alert.scope}`, { defaultValue: alert.scope });
}

export function alertValue(i18n: I18n, alert: Alert): string {
	const unit = (THRESHOLD_METRICS as Record<string, { unit: string }>)[alert.metric]?.unit;
	if (unit === 'fraction') return i18n.percent(alert.value, 1);
	if (unit === 'seconds') return i18n.clockDuration(alert.value);
	if (alert.metric === SURGE_METRIC) {
		return i18n.t('alerts.surge.rate', { count: i18n.number(alert.value) });
	}
	return i18n.number(alert.value);
}

/** Emergencies first (threats to life or property), then waiting callers, then the rates. */
const PRIORITY = [
	'overdueEmergency',
	'longestWaitSeconds',
	'surge',
	'serviceLevelToday',
	'answerRate24h',
	'overdueLivelihood',
	'overdueGeneral'
];

function rank(a: Alert): number {
	const i = PRIORITY.indexOf(a.metric);
	return i < 0 ? PRIORITY.length : i;
}

/** A hall figure, or a surge (a cluster in the city is everyone's business, not one queue's). */
const cityWide = (a: Alert) => a.scope === 'all' || a.metric === SURGE_METRIC;

/** Red first, the hall (and surges) before single queues, by priority, then the most recent. */
export function compareAlerts(a: Alert, b: Alert): number {
	return (
		(a.level === 'bad' ? 0 : 1) - (b.level === 'bad' ? 0 : 1) ||
		(cityWide(a) ? 0 : 1) - (cityWide(b) ? 0 : 1) ||
		rank(a) - rank(b) ||
		Date.parse(b.raisedAt) - Date.parse(a.raisedAt) ||
		a.id - b.id
	);
}
