/** The live snapshot (contract §3). Rates are fractions in [0, 1]; `null` when undefined. */
import type { Category } from './events';

export type QueueStats = {
	waiting: number;
	longestWaitSeconds: number;
	offeredToday: number;
	answeredToday: number;
	abandonedToday: number;
	answeredWithinTargetToday: number;
	serviceLevelToday: number | null;
	asaSecondsToday: number | null;
	abandonRateToday: number | null;
	answered24h: number;
	abandoned24h: number;
	answerRate24h: number | null;
	// Contract v1.1 §7 (docs/contract.md §7).
	/** Calls abandoned within (at − 24 h, at] (as counted in abandoned24h) with no call.callback. */
	abandonedAwaitingCallback: number;
	/** The earliest abandoned.at among them (ISO-8601); null when none. */
	oldestAwaitingCallbackAt: string | null;
	/** Calls whose (earliest) call.callback lies within (at − 24 h, at]. */
	calledBack24h: number;
	/** The 24 h answer rate one hour from now if the next hour repeats the last one. */
	answerRate24hIn1h: number | null;
	staffing: QueueStaffing;
};

/** Erlang C staffing now (contract v1.1 §7). */
export type QueueStaffing = {
	/** calls with offered.at within (at − 30 min, at] */
	offered30m: number;
	/** mean ended.at − answered.at over calls with ended.at within (at − 30 min, at]; null if none */
	ahtSeconds30m: number | null;
	/** smallest N > A meeting the service-level goal; null when offered30m = 0 or no AHT */
	agentsNeeded: number | null;
	/** agents whose latest state is available, busy or wrapup (per queue: latest team = queue) */
	agentsOnDuty: number;
	/** agentsNeeded − agentsOnDuty */
	gap: number | null;
};

export type OverdueTicket = {
	ticketId: string;
	category: Category;
	kind: string;
	district: string;
	createdAt: string;
	deadlineAt: string;
	overdueSeconds: number;
};

export type SurveyStats = {
	surveyed: number;
	responseRate: number | null;
	resolutionRate: number | null;
	satisfactionRate: number | null;
};

export type TicketStats = {
	pending: Record<Category, number>;
	overdue: Record<Category, number>;
	overdueList: OverdueTicket[];
	dispatchedToday: number;
	dispatchedOnTimeToday: number;
	survey30d: SurveyStats;
	/**
	 * Per category, the earliest dispatch deadline among pending tickets not yet overdue
	 * (ISO-8601); a category with none is absent. An addition to contract §3, for countdowns.
	 */
	nextDeadlineAt?: Partial<Record<Category, string>>;
	/** Per district (contract v1.1 §7); a district whose figures are all 0 is left out. */
	byDistrict: Record<string, DistrictStats>;
	/** Today's 10 most frequent topics, count descending then topic ascending (code points). */
	topicsToday: TopicToday[];
	/**
	 * Active surges (an addition to the contract, docs/contract.md §7): computed by the server's
	 * surge watch (server/surge.ts) from the history, not by the engine. Most significant first.
	 */
	surges?: Surge[];
	/**
	 * Per topic of `topicsToday`, the tickets created yesterday up to the same time of day (环比
	 * base; an addition, docs/contract.md §7). Computed by the surge watch from the hourly rollup.
	 */
	topicsYesterday?: Record<string, number>;
};

export type DistrictStats = {
	/** ticket.created with at in the business day */
	createdToday: number;
	/** ticket.created with at within (at − 1 h, at] */
	createdLastHour: number;
	pending: number;
	overdue: number;
	/** surveys of this district's tickets within the last 30 days */
	survey30d: SurveyStats;
};

export type TopicToday = { topic: string; count: number; lastHour: number };

/** A cluster of tickets: the last hour far above the same hour of the last four weeks. */
export type Surge = {
	/** '' for a topic's surge over the whole city */
	district: string;
	/** absent for a district's surge over all topics */
	topic?: string;
	/** tickets created within (at − 1 h, at] */
	count: number;
	/** the baseline's mean (at least 0.5), rounded to 0.1 */
	expected: number;
};

export type AgentCounts = {
	available: number;
	busy: number;
	wrapup: number;
	break: number;
	offline: number;
};

/** One minute of the hall's recent history (an addition to contract §3). */
export type MinuteStats = {
	/** Calls waiting at the end of the minute (at `at` for the current minute). */
	waiting: number;
	/** Calls answered (by answered.at) within the minute, with wait <= their queue's target. */
	answeredWithinTarget: number;
	answeredAfterTarget: number;
	/** Calls abandoned (by abandoned.at) within the minute. */
	abandoned: number;
};

/**
 * The last {@link SERIES_MINUTES} minutes ending with the current one, keyed by the minute's
 * start in UTC (`'2026-11-28T07:05Z'`). An object, not an array, so that a merge patch carries
 * only the minutes that changed.
 */
export type CallSeries = Record<string, MinuteStats>;

export type Snapshot = {
	seq: number;
	at: string;
	timezone: string;
	businessDay: string;
	calls: {
		all: QueueStats;
		byQueue: Record<string, QueueStats>;
		/** Always sent by this server; optional in the type so that v1 snapshots stay valid. */
		series?: CallSeries;
	};
	agents: AgentCounts;
	tickets: TicketStats;
};

/** The snapshot without `seq`, which the push layer assigns: what the metrics engine computes. */
export type LiveSnapshot = Omit<Snapshot, 'seq'>;

/** The longest overdue list a snapshot carries. */
export const OVERDUE_LIST_MAX = 50;

/** How many minutes `calls.series` holds (2 hours). */
export const SERIES_MINUTES = 120;
