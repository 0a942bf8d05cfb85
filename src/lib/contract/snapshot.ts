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

/** The longest overdue list a snapshot carries. */
export const OVERDUE_LIST_MAX = 50;

/** How many minutes `calls.series` holds (2 hours). */
export const SERIES_MINUTES = 120;
