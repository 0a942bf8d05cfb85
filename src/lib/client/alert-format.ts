/** An alert in words for a screen: which figure, where, its value in the figure's unit. */
import { THRESHOLD_METRICS, type Alert } from '$lib/contract';
import type { I18n } from './i18n';

export function alertMetric(i18n: I18n, alert: Alert): string {
	return i18n.t(`alerts.metric.${alert.metric}`, { defaultValue: alert.metric });
}

export function alertScope(i18n: I18n, alert: Alert): string {
	return alert.scope === 'all'
		? i18n.t('alerts.hall')
		: i18n.t(`queue.${alert.scope}`, { defaultValue: alert.scope });
}

export function alertValue(i18n: I18n, alert: Alert): string {
	const unit = (THRESHOLD_METRICS as Record<string, { unit: string }>)[alert.metric]?.unit;
	if (unit === 'fraction') return i18n.percent(alert.value, 1);
	if (unit === 'seconds') return i18n.clockDuration(alert.value);
	return i18n.number(alert.value);
}

/** Emergencies first (threats to life or property), then waiting callers, then the rates. */
const PRIORITY = [
	'overdueEmergency',
	'longestWaitSeconds',
	'serviceLevelToday',
	'answerRate24h',
	'overdueLivelihood',
	'overdueGeneral'
];

function rank(a: Alert): number {
	const i = PRIORITY.indexOf(a.metric);
	return i < 0 ? PRIORITY.length : i;
}

/** Red first, the hall before single queues, by priority, then the most recent. */
export function compareAlerts(a: Alert, b: Alert): number {
	return (
		(a.level === 'bad' ? 0 : 1) - (b.level === 'bad' ? 0 : 1) ||
		(a.scope === 'all' ? 0 : 1) - (b.scope === 'all' ? 0 : 1) ||
		rank(a) - rank(b) ||
		Date.parse(b.raisedAt) - Date.parse(a.raisedAt) ||
		a.id - b.id
	);
}
