/**
 * Tunables of the metrics engine: the business-day time zone, the service-level targets and the
 * dispatch deadlines (contract §2, §3), plus the horizons the live state is kept and restored for.
 */
import { CATEGORIES, type Category } from '../contract/events';

export type MetricsConfig = {
	/** IANA zone that defines "today" (the business day). */
	timezone: string;
	/** A call is answered within target when its wait is <= this, unless its queue has its own. */
	serviceLevelTargetMs: number;
	/** Per-queue service-level targets, keyed by queue name. */
	serviceLevelTargetByQueueMs: Record<string, number>;
	/** Dispatch deadline = `ticket.created.at` + this, per category. */
	dispatchDeadlineMs: Record<Category, number>;
	/** The service-level goal G of Erlang C staffing (contract v1.1 §7), 0 < G < 1. */
	serviceLevelGoal: number;
};

export const DEFAULT_METRICS_CONFIG: Readonly<MetricsConfig> = Object.freeze({
	timezone: 'Asia/Shanghai',
	serviceLevelTargetMs: 15_000,
	serviceLevelTargetByQueueMs: Object.freeze({}),
	dispatchDeadlineMs: Object.freeze({
		emergency: 3_600_000,
		livelihood: 7_200_000,
		general: 86_400_000
	}),
	serviceLevelGoal: 0.9
});

/**
 * How far back call, agent and ticket events can still matter for a snapshot taken now: 24 h for
 * the rolling window plus the longest business day (25 h on a daylight-saving fall-back day) and
 * slack. The database restore replays this much; `prune` forgets what lies behind it.
 */
export const LIVE_WINDOW_MS = 26 * 3600_000;

/** How far back `ticket.survey` events matter (the 30-day survey window). */
export const SURVEY_WINDOW_MS = 30 * 86_400_000;

function checkDuration(name: string, value: unknown): void {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		const shown =
			typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? 'undefined');
		throw new Error(`${name} must be a positive, finite number of milliseconds, got ${shown}`);
	}
}

/** Throws an Error naming the bad value, or returns `config` unchanged when it is valid. */
export function validateMetricsConfig(config: MetricsConfig): MetricsConfig {
	const { timezone } = config;
	let known = typeof timezone === 'string' && timezone !== '';
	try {
		if (known) new Intl.DateTimeFormat('en-US', { timeZone: timezone });
	} catch {
		known = false;
	}
	if (!known) throw new Error(`timezone: unknown IANA time zone ${JSON.stringify(timezone)}`);
	checkDuration('serviceLevelTargetMs', config.serviceLevelTargetMs);
	for (const [queue, target] of Object.entries(config.serviceLevelTargetByQueueMs)) {
		checkDuration(`serviceLevelTargetByQueueMs[${JSON.stringify(queue)}]`, target);
	}
	for (const category of CATEGORIES) {
		checkDuration(`dispatchDeadlineMs.${category}`, config.dispatchDeadlineMs[category]);
	}
	const goal = config.serviceLevelGoal;
	if (typeof goal !== 'number' || !(goal > 0 && goal < 1)) {
		throw new Error(`serviceLevelGoal must be a fraction with 0 < G < 1, got ${String(goal)}`);
	}
	return config;
}
