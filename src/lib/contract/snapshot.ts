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
};

export type AgentCounts = {
	available: number;
	busy: number;
	wrapup: number;
	break: number;
	offline: number;
};

export type Snapshot = {
	seq: number;
	at: string;
	timezone: string;
	businessDay: string;
	calls: { all: QueueStats; byQueue: Record<string, QueueStats> };
	agents: AgentCounts;
	tickets: TicketStats;
};

/** The longest overdue list a snapshot carries. */
export const OVERDUE_LIST_MAX = 50;
