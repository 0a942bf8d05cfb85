/**
 * The history API's data access for the running app: queries on the store's database, targets
 * from the configuration and the wall's thresholds.
 */
import type { App } from '../app';
import { createHistoryQueries, type HistoryQueries } from './queries';

/** The answer-rate (接通率) target the hotline is held to. */
export const ANSWER_RATE_TARGET = 0.95;
/** Dispatch on-time target: 95% of tickets dispatched within their category's deadline. */
export const ON_TIME_RATE_TARGET = 0.95;

const byApp = new WeakMap<App, HistoryQueries>();

export function historyOf(app: App): HistoryQueries {
	let q = byApp.get(app);
	if (q === undefined) {
		q = createHistoryQueries(app.internals.store.db, {
			timezone: app.config.timezone,
			targets: () => ({
				serviceLevelSeconds: app.config.serviceLevelTargetMs / 1000,
				serviceLevel: app.thresholds().metrics.serviceLevelToday.good,
				answerRate: ANSWER_RATE_TARGET,
				onTimeRate: ON_TIME_RATE_TARGET
			})
		});
		byApp.set(app, q);
	}
	return q;
}

export { parseDay, parseRange } from './params';
