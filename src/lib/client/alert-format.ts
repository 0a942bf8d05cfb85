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
