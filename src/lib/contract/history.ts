/**
 * History API shapes (manager view, exports). Served from rollups kept in the database as events
 * arrive: per queue per 15 minutes for calls, per business day × category × district × department
 * for tickets. Days are business days ("YYYY-MM-DD") in WALLBOARD_TIMEZONE; ranges are inclusive.
 * Rates are fractions in [0, 1], null when the denominator is 0 (as in the live snapshot).
 */
import type { Category } from './events';

export type CallTotals = {
	offered: number;
	answered: number;
	answeredWithinTarget: number;
	abandoned: number;
	/** Sum of waits of answered calls, seconds. */
	waitSecondsSum: number;
	/** Sum of talk times of ended calls, seconds. */
	talkSecondsSum: number;
	/** Calls whose talk time is in talkSecondsSum. */
	ended: number;
	serviceLevel: number | null; // answeredWithinTarget / (answered + abandoned)
	answerRate: number | null; // answered / (answered + abandoned)  (接通率)
	abandonRate: number | null; // abandoned / (answered + abandoned)
	asaSeconds: number | null; // waitSecondsSum / answered
	ahtSeconds: number | null; // talkSecondsSum / ended
};

export type TicketTotals = {
	created: number;
	dispatched: number;
	dispatchedOnTime: number;
	dispatchedLate: number;
	onTimeRate: number | null; // dispatchedOnTime / dispatched
	feedback: { resolved: number; unresolvable: number; unreasonable: number };
	surveyed: number;
	responded: number;
	resolved: number;
	satisfied: number;
	responseRate: number | null; // responded / surveyed   (三率)
	resolutionRate: number | null; // resolved / surveyed
	satisfactionRate: number | null; // satisfied / surveyed
	/** 办结: the units' replies of the period (metrics/completion.ts has the rule). */
	completion: {
		closed: number; // replies (ticket.feedback), any outcome
		completionRate: number | null; // closed / created   (办结率)
		unresolvableShare: number | null; // feedback.unresolvable / closed
		unreasonableShare: number | null; // feedback.unreasonable / closed
	};
};

/** GET /api/v1/history/summary?from=YYYY-MM-DD&to=YYYY-MM-DD[&queue=id] */
export type HistorySummary = {
	from: string;
	to: string;
	timezone: string;
	/** The same-length range just before [from, to], for "vs previous period". */
	previous: { from: string; to: string; calls: CallTotals; tickets: TicketTotals };
	/**
	 * The same dates a year before, for "year on year" (同比); 29 February becomes the 28th.
	 * `calls` honour the `queue` filter like `calls.all`.
	 */
	yearAgo: { from: string; to: string; calls: CallTotals; tickets: TicketTotals };
	/** `?queue=`: the call figures (all, previous, yearAgo, byQueue) are that queue's; null: all. */
	queue: string | null;
	calls: { all: CallTotals; byQueue: Record<string, CallTotals> };
	tickets: {
		all: TicketTotals;
		byCategory: Record<Category, TicketTotals>;
		byDistrict: Record<string, TicketTotals>;
		byDepartment: Record<string, TicketTotals>;
	};
	targets: {
		serviceLevelSeconds: number;
		serviceLevel: number; // the wall's SL target fraction (e.g. 0.8)
		answerRate: number; // 0.95
		onTimeRate: number;
	};
	/** How long the query took on the server, ms (shown in the manager's footer). */
	queryMs: number;
};

/** One 15-minute bucket of one business day: minute 0, 15, …, 1425 from local midnight. */
export type IntradayPoint = { minute: number } & Pick<
	CallTotals,
	'offered' | 'answered' | 'answeredWithinTarget' | 'abandoned' | 'waitSecondsSum'
>;

/** GET /api/v1/history/intraday?day=YYYY-MM-DD[&queue=id] → day, the day before, same weekday a week before. */
export type HistoryIntraday = {
	timezone: string;
	queue: string | null;
	series: Array<{ key: 'day' | 'yesterday' | 'lastWeek'; day: string; points: IntradayPoint[] }>;
	queryMs: number;
};

/** GET /api/v1/history/daily?from&to[&queue=id]: one row per business day in the range. */
export type HistoryDaily = {
	from: string;
	to: string;
	timezone: string;
	queue: string | null;
	days: Array<{ day: string; calls: CallTotals; tickets: TicketTotals }>;
	queryMs: number;
};
