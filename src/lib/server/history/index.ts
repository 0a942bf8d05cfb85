/**
 * The history feature for the running app: the queries on the rollup tables, with the targets
 * from the configuration and the wall's thresholds.
 */
import type { Thresholds } from '../../contract';
import type { Config } from '../config';
import type { StoreDatabase } from '../db/drizzle-store';
import { createHistoryQueries, type HistoryQueries } from './queries';

/** The answer-rate (接通率) target the hotline is held to. */
export const ANSWER_RATE_TARGET = 0.95;
/** Dispatch on-time target: 95% of tickets dispatched within their category's deadline. */
export const ON_TIME_RATE_TARGET = 0.95;

export type History = HistoryQueries;

export function createHistory(
	db: StoreDatabase,
	config: Pick<Config, 'timezone' | 'serviceLevelTargetMs'>,
	thresholds: () => Thresholds
): History {
	return createHistoryQueries(db, {
		timezone: config.timezone,
		targets: () => ({
			serviceLevelSeconds: config.serviceLevelTargetMs / 1000,
			serviceLevel: thresholds().metrics.serviceLevelToday.good,
			answerRate: ANSWER_RATE_TARGET,
			onTimeRate: ON_TIME_RATE_TARGET
		})
	});
}

export { parseDay, parseRange } from './params';
