/**
 * Wallboard thresholds (an addition to the contract): the green / amber / red bands of the key
 * figures, hall-wide and per queue. Served by `GET /api/v1/thresholds`, changed by
 * `PUT /api/v1/thresholds`, pushed to screens as the Socket.IO event `thresholds`.
 *
 * A band is `{ good, warn }`. For a figure where higher is better (rates) a value >= good is
 * good, >= warn is warn, anything lower bad; where lower is better (seconds, counts) a value
 * <= good is good, <= warn is warn, anything higher bad.
 */
import { z } from 'zod';

export type Band = { good: number; warn: number };
export type Direction = 'higher' | 'lower';

/** Figures that have bands, with their direction and unit. */
export const THRESHOLD_METRICS = {
	serviceLevelToday: { direction: 'higher', unit: 'fraction' },
	answerRate24h: { direction: 'higher', unit: 'fraction' },
	longestWaitSeconds: { direction: 'lower', unit: 'seconds' },
	overdueEmergency: { direction: 'lower', unit: 'count' },
	overdueLivelihood: { direction: 'lower', unit: 'count' },
	overdueGeneral: { direction: 'lower', unit: 'count' },
	/** Erlang C agents needed − agents on duty (contract §7 `staffing.gap`); <= 0 is enough. */
	staffingGap: { direction: 'lower', unit: 'count' },
	/** One agent's current call (state busy), in seconds; per team (the agent's queue). */
	longCallSeconds: { direction: 'lower', unit: 'seconds' },
	/** One agent's current wrap-up, in seconds. */
	longWrapupSeconds: { direction: 'lower', unit: 'seconds' },
	/** One agent's current break, in seconds. */
	longBreakSeconds: { direction: 'lower', unit: 'seconds' }
} as const satisfies Record<
	string,
	{ direction: Direction; unit: 'fraction' | 'seconds' | 'count' }
>;

export type ThresholdMetric = keyof typeof THRESHOLD_METRICS;
/** The figures a queue can override. */
export const QUEUE_THRESHOLD_METRICS = [
	'serviceLevelToday',
	'answerRate24h',
	'longestWaitSeconds',
	'longCallSeconds',
	'longWrapupSeconds',
	'longBreakSeconds'
] as const satisfies readonly ThresholdMetric[];
/**
 * The figures of one agent's time in its current state, by state: an alert's scope is then the
 * agent's id, and the band is that of the agent's team (`byQueue[team]`) or the hall's.
 */
export const AGENT_THRESHOLD_METRICS = {
	busy: 'longCallSeconds',
	wrapup: 'longWrapupSeconds',
	break: 'longBreakSeconds'
} as const satisfies Record<string, ThresholdMetric>;
export type AgentThresholdMetric =
	(typeof AGENT_THRESHOLD_METRICS)[keyof typeof AGENT_THRESHOLD_METRICS];
export type QueueThresholdMetric = (typeof QUEUE_THRESHOLD_METRICS)[number];

export type Thresholds = {
	metrics: Record<ThresholdMetric, Band>;
	/** Per-queue overrides, keyed by queue name; a figure not listed uses the hall's band. */
	byQueue: Record<string, Partial<Record<QueueThresholdMetric, Band>>>;
};

function bandSchema(metric: ThresholdMetric) {
	const { direction, unit } = THRESHOLD_METRICS[metric];
	const value =
		unit === 'fraction'
			? z.number().min(0, 'must be a fraction in [0, 1]').max(1, 'must be a fraction in [0, 1]')
			: z.number().min(0, 'must be >= 0').max(1e9, 'must be <= 1e9');
	return z
		.strictObject({ good: value, warn: value })
		.refine((b) => (direction === 'higher' ? b.warn <= b.good : b.warn >= b.good), {
			message:
				direction === 'higher'
					? 'warn must be <= good (higher is better)'
					: 'warn must be >= good (lower is better)',
			path: ['warn']
		});
}

const metricsShape = Object.fromEntries(
	Object.keys(THRESHOLD_METRICS).map((m) => [m, bandSchema(m as ThresholdMetric).optional()])
) as { [M in ThresholdMetric]: z.ZodOptional<ReturnType<typeof bandSchema>> };

const queueShape = Object.fromEntries(
	QUEUE_THRESHOLD_METRICS.map((m) => [m, bandSchema(m).optional()])
) as { [M in QueueThresholdMetric]: z.ZodOptional<ReturnType<typeof bandSchema>> };

/**
 * The body of `PUT /api/v1/thresholds`: every part optional. Figures left out of `metrics` keep
 * their defaults; `byQueue`, when given, replaces all per-queue overrides.
 */
export const thresholdsInputSchema = z.strictObject({
	metrics: z.strictObject(metricsShape).optional(),
	byQueue: z
		.record(z.string().min(1).max(128), z.strictObject(queueShape))
		.refine((r) => Object.keys(r).length <= 200, 'at most 200 queues')
		.optional()
});

export type ThresholdsInput = z.infer<typeof thresholdsInputSchema>;

export type ThresholdsParseResult =
	{ ok: true; value: ThresholdsInput } | { ok: false; errors: string[] };

/** Validates a thresholds document; errors read `"metrics.answerRate24h.good: …"`. */
export function parseThresholds(raw: unknown): ThresholdsParseResult {
	const result = thresholdsInputSchema.safeParse(raw);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		errors: result.error.issues.map((issue) => {
			const path = issue.path.length ? issue.path.map(String).join('.') : '(body)';
			return `${path}: ${issue.message}`;
		})
	};
}
