/** The pure metrics engine (contract §3): events in, snapshots out, time always an argument. */
export { createMetrics } from './engine';
export type { Metrics } from './engine';
export {
	DEFAULT_METRICS_CONFIG,
	LIVE_WINDOW_MS,
	SURVEY_WINDOW_MS,
	validateMetricsConfig
} from './config';
export type { MetricsConfig } from './config';
export {
	addDays,
	BLOCK_MS,
	businessDayOf,
	createBusinessDay,
	startOfBusinessDay
} from './timezone';
export type { BusinessDayFn } from './timezone';
export { lowerBound, SortedTimes, upperBound } from './sorted-times';
