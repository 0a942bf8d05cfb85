/**
 * Threshold bands: the defaults, per-queue resolution and classification into good / warn /
 * bad. Pure: the server stores and serves the bands, every screen classifies with them.
 */
import {
	QUEUE_THRESHOLD_METRICS,
	THRESHOLD_METRICS,
	type Band,
	type Direction,
	type QueueThresholdMetric,
	type ThresholdMetric,
	type Thresholds,
	type ThresholdsInput
} from '../contract/thresholds';

export type Level = 'good' | 'warn' | 'bad';
export type Threshold = Band & { direction: Direction };

/**
 * Service level >= 90 % / 80–90 % / < 80 %; 24 h answer rate >= 95 % / 90–95 % / < 90 %;
 * longest wait <= 15 s / <= 60 s / > 60 s; any overdue emergency ticket is bad. Overdue
 * livelihood and general tickets turn amber at the first and red past 3 and 10. One agent's call
 * is red past 20 min (amber past 15), a wrap-up past 3 min (amber 2), a break past 30 min (amber 20).
 */
export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
	metrics: Object.freeze({
		serviceLevelToday: Object.freeze({ good: 0.9, warn: 0.8 }),
		answerRate24h: Object.freeze({ good: 0.95, warn: 0.9 }),
		longestWaitSeconds: Object.freeze({ good: 15, warn: 60 }),
		overdueEmergency: Object.freeze({ good: 0, warn: 0 }),
		overdueLivelihood: Object.freeze({ good: 0, warn: 3 }),
		overdueGeneral: Object.freeze({ good: 0, warn: 10 }),
		staffingGap: Object.freeze({ good: 0, warn: 2 }),
		longCallSeconds: Object.freeze({ good: 15 * 60, warn: 20 * 60 }),
		longWrapupSeconds: Object.freeze({ good: 2 * 60, warn: 3 * 60 }),
		longBreakSeconds: Object.freeze({ good: 20 * 60, warn: 30 * 60 })
	}),
	byQueue: Object.freeze({})
});

/** `value` against `threshold`; null (a rate without denominator) has no level. */
export function classify(value: number | null | undefined, threshold: Threshold): Level | null {
	if (value === null || value === undefined || Number.isNaN(value)) return null;
	if (threshold.direction === 'higher') {
		return value >= threshold.good ? 'good' : value >= threshold.warn ? 'warn' : 'bad';
	}
	return value <= threshold.good ? 'good' : value <= threshold.warn ? 'warn' : 'bad';
}

/** The band of `metric`, for `queue` when it has its own, else the hall's. */
export function thresholdFor(
	thresholds: Thresholds,
	metric: ThresholdMetric,
	queue?: string
): Threshold {
	const own =
		queue !== undefined && (QUEUE_THRESHOLD_METRICS as readonly string[]).includes(metric)
			? Object.hasOwn(thresholds.byQueue, queue)
				? thresholds.byQueue[queue]?.[metric as QueueThresholdMetric]
				: undefined
			: undefined;
	const band = own ?? thresholds.metrics[metric] ?? DEFAULT_THRESHOLDS.metrics[metric];
	return { good: band.good, warn: band.warn, direction: THRESHOLD_METRICS[metric].direction };
}

/** A validated input over the defaults: figures left out keep their default band. */
export function resolveThresholds(input: ThresholdsInput | undefined): Thresholds {
	const metrics = { ...DEFAULT_THRESHOLDS.metrics };
	for (const [metric, band] of Object.entries(input?.metrics ?? {})) {
		if (band) metrics[metric as ThresholdMetric] = { good: band.good, warn: band.warn };
	}
	const byQueue: Thresholds['byQueue'] = {};
	for (const [queue, bands] of Object.entries(input?.byQueue ?? {})) {
		const own: Partial<Record<QueueThresholdMetric, Band>> = {};
		for (const metric of QUEUE_THRESHOLD_METRICS) {
			const band = bands[metric];
			if (band) own[metric] = { good: band.good, warn: band.warn };
		}
		Object.defineProperty(byQueue, queue, { value: own, enumerable: true, writable: true });
	}
	return { metrics, byQueue };
}
