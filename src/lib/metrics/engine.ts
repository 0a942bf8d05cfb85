/**
 * The metrics engine: folds wallboard events into live state and answers `snapshot(now)`
 * (contract §3).
 *
 * Design. The state is a join-semilattice per key (callId, agentId, ticketId): every field of a
 * record is "earliest wins" (call.offered, call.answered, ticket.created, …) or "latest wins"
 * (agent.state, ticket.survey, ticket.feedback) under the total order (at, id). Merging is
 * commutative, associative and idempotent, so applying the same set of events in any order, with
 * any duplicates, yields the same records. Each record also holds its current *contribution* to
 * the aggregates (per-day counters, sorted instants for the rolling windows, waiting calls,
 * pending tickets ordered by deadline); when a record changes, its old contribution is retracted
 * and the new one added, so every aggregate equals the sum over the records' current
 * contributions, whatever the arrival order. The aggregates are mutable Maps and arrays for speed;
 * what is observable (`snapshot`) is a pure function of (set of applied events, now). Time only
 * ever comes in as an argument.
 */
import { AGENT_STATES, CATEGORIES } from '../contract/events';
import type {
	AgentState,
	Category,
	FeedbackOutcome,
	TicketKind,
	WallboardEvent
} from '../contract/events';
import { OVERDUE_LIST_MAX } from '../contract/snapshot';
import type {
	AgentCounts,
	OverdueTicket,
	QueueStats,
	Snapshot,
	SurveyStats,
	TicketStats
} from '../contract/snapshot';
import { LIVE_WINDOW_MS, SURVEY_WINDOW_MS, validateMetricsConfig } from './config';
import type { MetricsConfig } from './config';
import { createMinuteSeries } from './series';
import { SortedTimes } from './sorted-times';
import { addDays, createBusinessDay } from './timezone';

/** The snapshot without `seq`, which the push layer assigns. */
export type LiveSnapshot = Omit<Snapshot, 'seq'>;

export interface Metrics {
	/** Merges one event into the state; idempotent and independent of arrival order. */
	apply(event: WallboardEvent): void;
	applyAll(events: Iterable<WallboardEvent>): void;
	/** The live snapshot at `now` (epoch ms); does not change the state. */
	snapshot(now: number): LiveSnapshot;
	/**
	 * Drops state that can never count again for any now' >= now, assuming no event older than
	 * `now − LIVE_WINDOW_MS` (surveys: `now − SURVEY_WINDOW_MS`) arrives afterwards for a key it
	 * forgot.
	 */
	prune(now: number): void;
	/** Record counts, for logs and benchmarks. */
	readonly stats: { calls: number; tickets: number; agents: number; surveys: number };
	/**
	 * Read-only views of the live records for the supervisors' detail queries (detail.ts). They
	 * carry PII (`caller`): the server masks it before anything leaves.
	 */
	readonly records: LiveRecords;
}

/** A call waiting in a queue, as the detail queries read it. */
export type WaitingCallRecord = { callId: string; offeredAt: number; caller: string | null };
/** An agent's latest state (and the latest name and team any of its events carried). */
export type AgentView = {
	agentId: string;
	state: AgentState;
	since: number;
	name: string | null;
	team: string | null;
};
/** A ticket whose `ticket.created` is known. */
export type TicketView = {
	ticketId: string;
	category: Category;
	kind: TicketKind;
	district: string;
	createdAt: number;
	deadline: number;
	/** null while pending (not dispatched). */
	dispatchedAt: number | null;
	department: string | null;
	/** null while no feedback arrived. */
	feedbackAt: number | null;
};

export interface LiveRecords {
	/** The calls waiting in `queue` (any order). */
	waitingCalls(queue: string): WaitingCallRecord[];
	agents(): Iterable<AgentView>;
	/** Pending tickets of a category, most overdue first (deadline, ticketId). */
	pendingTickets(category: Category): readonly TicketView[];
	/** Tickets dispatched and still without feedback (any order). */
	awaitingFeedback(): Iterable<TicketView>;
}

/** The rolling window of `answered24h` / `abandoned24h`. */
const ROLLING_WINDOW_MS = 24 * 3600_000;
const DAY_MS = 86_400_000;
/** Day counters are kept for this many business days before today's. */
const DAY_COUNTERS_KEPT_DAYS = 2;

type Stamp = { at: number; id: string };

/** True when `a` comes strictly before `b` in the (at, id) order. */
function before(a: Stamp, b: Stamp): boolean {
	return a.at < b.at || (a.at === b.at && a.id < b.id);
}

// ---------------------------------------------------------------------------------------------
// Records and their contributions

type CallRecord = {
	offered: (Stamp & { queue: string; caller: string | null }) | null;
	answered: Stamp | null;
	abandoned: Stamp | null;
	ended: Stamp | null;
	contribution: CallContribution | null;
};

/** What one call adds to the aggregates; null while its `call.offered` is unknown. */
type CallContribution = {
	queue: string;
	offeredAt: number;
	offeredDay: string;
	/** null when not answered. */
	answeredAt: number | null;
	answeredDay: string | null;
	waitMs: number;
	withinTarget: boolean;
	/** null when not abandoned, and when answered (answered wins). */
	abandonedAt: number | null;
	abandonedDay: string | null;
};

type TicketRecord = {
	created: (Stamp & { category: Category; kind: TicketKind; district: string }) | null;
	dispatched: (Stamp & { department: string }) | null;
	/** Kept for later metrics; not in the snapshot yet. */
	feedback: (Stamp & { outcome: FeedbackOutcome }) | null;
	contribution: TicketContribution | null;
};

/** What one ticket adds to the aggregates; null while its `ticket.created` is unknown. */
type TicketContribution = {
	ticketId: string;
	category: Category;
	kind: TicketKind;
	district: string;
	createdAt: number;
	deadline: number;
	/** null while pending. */
	dispatchedAt: number | null;
	dispatchedDay: string | null;
};

type SurveyRecord = Stamp & { responded: boolean; resolved: boolean; satisfied: boolean };
type AgentRecord = Stamp & {
	state: AgentState;
	/** Latest-wins per field: not every agent.state event carries a name or a team. */
	name: (Stamp & { value: string }) | null;
	team: (Stamp & { value: string }) | null;
};

/** The later of a field's current value and the event's, if the event carries one. */
function latestField(
	current: (Stamp & { value: string }) | null,
	event: Stamp,
	value: string | undefined
): (Stamp & { value: string }) | null {
	if (value === undefined) return current;
	if (current === null || before(current, event)) return { at: event.at, id: event.id, value };
	return current;
}

function isWaiting(c: CallContribution | null): boolean {
	return c !== null && c.answeredAt === null && c.abandonedAt === null;
}

// ---------------------------------------------------------------------------------------------
// Aggregates

type CallWindows = {
	/** callId → offered.at of the calls waiting in this queue. */
	waiting: Map<string, number>;
	answered: SortedTimes;
	abandoned: SortedTimes;
};

type CallDayCounts = {
	offered: number;
	answered: number;
	abandoned: number;
	answeredWithinTarget: number;
	/** Integer sum, so retraction is exact and the mean independent of order. */
	waitSumMs: number;
};

type DayCounts = {
	all: CallDayCounts;
	byQueue: Map<string, CallDayCounts>;
	dispatched: number;
	dispatchedOnTime: number;
};

function newCallWindows(): CallWindows {
	return { waiting: new Map(), answered: new SortedTimes(), abandoned: new SortedTimes() };
}

function newCallDayCounts(): CallDayCounts {
	return { offered: 0, answered: 0, abandoned: 0, answeredWithinTarget: 0, waitSumMs: 0 };
}

/** Sorted by (deadline, ticketId): the most overdue first. */
function pendingBefore(a: TicketContribution, b: TicketContribution): boolean {
	return a.deadline < b.deadline || (a.deadline === b.deadline && a.ticketId < b.ticketId);
}

/** Index of the first entry not before `t` in the (deadline, ticketId) order. */
function pendingLowerBound(list: readonly TicketContribution[], t: TicketContribution): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (pendingBefore(list[mid] as TicketContribution, t)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Number of entries whose deadline is < `now`, i.e. that are overdue at `now`. */
function countOverdue(list: readonly TicketContribution[], now: number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((list[mid] as TicketContribution).deadline < now) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function ratio(numerator: number, denominator: number): number | null {
	return denominator === 0 ? null : numerator / denominator;
}

function byCategory<T>(f: (category: Category) => T): Record<Category, T> {
	return { emergency: f('emergency'), livelihood: f('livelihood'), general: f('general') };
}

// ---------------------------------------------------------------------------------------------

export function createMetrics(config: MetricsConfig): Metrics {
	validateMetricsConfig(config);
	const timezone = config.timezone;
	const businessDay = createBusinessDay(timezone);
	const defaultTargetMs = config.serviceLevelTargetMs;
	const targetByQueueMs = new Map(Object.entries(config.serviceLevelTargetByQueueMs));
	const deadlineMs = byCategory((c) => config.dispatchDeadlineMs[c]);

	const targetOf = (queue: string): number => targetByQueueMs.get(queue) ?? defaultTargetMs;

	// Records.
	const calls = new Map<string, CallRecord>();
	const tickets = new Map<string, TicketRecord>();
	const surveys = new Map<string, SurveyRecord>();
	const agents = new Map<string, AgentRecord>();

	// Aggregates.
	/** Every queue named by an applied call.offered; never pruned, so prune never shows. */
	const queueNames = new Set<string>();
	const windowsByQueue = new Map<string, CallWindows>();
	const allWindows = newCallWindows();
	const series = createMinuteSeries();
	const days = new Map<string, DayCounts>();
	/** Day counters before this business day were pruned; changes to them are ignored. */
	let dayFloor = '';
	const pending = byCategory<TicketContribution[]>(() => []);
	const agentCounts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as AgentCounts;
	const surveyTimes = {
		surveyed: new SortedTimes(),
		responded: new SortedTimes(),
		resolved: new SortedTimes(),
		satisfied: new SortedTimes()
	};

	function windowsOf(queue: string): CallWindows {
		let w = windowsByQueue.get(queue);
		if (w === undefined) {
			w = newCallWindows();
			windowsByQueue.set(queue, w);
		}
		return w;
	}

	/** The counters of `day`, created on demand; null when that day was pruned. */
	function dayCounts(day: string): DayCounts | null {
		if (day < dayFloor) return null;
		let d = days.get(day);
		if (d === undefined) {
			d = { all: newCallDayCounts(), byQueue: new Map(), dispatched: 0, dispatchedOnTime: 0 };
			days.set(day, d);
		}
		return d;
	}

	/** [all, queue] counters of `day`, or null when that day was pruned. */
	function callDayCounts(day: string, queue: string): [CallDayCounts, CallDayCounts] | null {
		const d = dayCounts(day);
		if (d === null) return null;
		let q = d.byQueue.get(queue);
		if (q === undefined) {
			q = newCallDayCounts();
			d.byQueue.set(queue, q);
		}
		return [d.all, q];
	}

	// --- calls ---

	function callContribution(rec: CallRecord): CallContribution | null {
		const offered = rec.offered;
		if (offered === null) return null;
		const answeredAt = rec.answered?.at ?? null;
		const abandonedAt = answeredAt === null ? (rec.abandoned?.at ?? null) : null;
		const waitMs = answeredAt === null ? 0 : Math.max(0, answeredAt - offered.at);
		return {
			queue: offered.queue,
			offeredAt: offered.at,
			offeredDay: businessDay(offered.at),
			answeredAt,
			answeredDay: answeredAt === null ? null : businessDay(answeredAt),
			waitMs,
			withinTarget: answeredAt !== null && waitMs <= targetOf(offered.queue),
			abandonedAt,
			abandonedDay: abandonedAt === null ? null : businessDay(abandonedAt)
		};
	}

	/** Adds (sign 1) or retracts (sign −1) a call's contribution. */
	function countCall(callId: string, c: CallContribution, sign: 1 | -1): void {
		series.count({ ...c, stoppedAt: c.answeredAt ?? c.abandonedAt }, sign);
		const w = windowsOf(c.queue);
		const offeredCounts = callDayCounts(c.offeredDay, c.queue);
		if (offeredCounts !== null) for (const n of offeredCounts) n.offered += sign;

		if (c.answeredAt !== null && c.answeredDay !== null) {
			const counts = callDayCounts(c.answeredDay, c.queue);
			if (counts !== null) {
				for (const n of counts) {
					n.answered += sign;
					n.waitSumMs += sign * c.waitMs;
					if (c.withinTarget) n.answeredWithinTarget += sign;
				}
			}
			for (const times of [w.answered, allWindows.answered]) {
				if (sign > 0) times.add(c.answeredAt);
				else times.remove(c.answeredAt);
			}
		} else if (c.abandonedAt !== null && c.abandonedDay !== null) {
			const counts = callDayCounts(c.abandonedDay, c.queue);
			if (counts !== null) for (const n of counts) n.abandoned += sign;
			for (const times of [w.abandoned, allWindows.abandoned]) {
				if (sign > 0) times.add(c.abandonedAt);
				else times.remove(c.abandonedAt);
			}
		} else {
			for (const waiting of [w.waiting, allWindows.waiting]) {
				if (sign > 0) waiting.set(callId, c.offeredAt);
				else waiting.delete(callId);
			}
		}
	}

	function refreshCall(callId: string, rec: CallRecord): void {
		if (rec.contribution !== null) countCall(callId, rec.contribution, -1);
		rec.contribution = callContribution(rec);
		if (rec.contribution !== null) countCall(callId, rec.contribution, 1);
	}

	function callRecord(callId: string): CallRecord {
		let rec = calls.get(callId);
		if (rec === undefined) {
			rec = { offered: null, answered: null, abandoned: null, ended: null, contribution: null };
			calls.set(callId, rec);
		}
		return rec;
	}

	// --- tickets ---

	function ticketContribution(ticketId: string, rec: TicketRecord): TicketContribution | null {
		const created = rec.created;
		if (created === null) return null;
		const dispatchedAt = rec.dispatched?.at ?? null;
		return {
			ticketId,
			category: created.category,
			kind: created.kind,
			district: created.district,
			createdAt: created.at,
			deadline: created.at + deadlineMs[created.category],
			dispatchedAt,
			dispatchedDay: dispatchedAt === null ? null : businessDay(dispatchedAt)
		};
	}

	function countTicket(t: TicketContribution, sign: 1 | -1): void {
		if (t.dispatchedAt === null || t.dispatchedDay === null) {
			const list = pending[t.category];
			const i = pendingLowerBound(list, t);
			if (sign > 0) list.splice(i, 0, t);
			else if (list[i]?.ticketId === t.ticketId) list.splice(i, 1);
			return;
		}
		const d = dayCounts(t.dispatchedDay);
		if (d === null) return;
		d.dispatched += sign;
		if (t.dispatchedAt <= t.deadline) d.dispatchedOnTime += sign;
	}

	function refreshTicket(ticketId: string, rec: TicketRecord): void {
		if (rec.contribution !== null) countTicket(rec.contribution, -1);
		rec.contribution = ticketContribution(ticketId, rec);
		if (rec.contribution !== null) countTicket(rec.contribution, 1);
	}

	function ticketRecord(ticketId: string): TicketRecord {
		let rec = tickets.get(ticketId);
		if (rec === undefined) {
			rec = { created: null, dispatched: null, feedback: null, contribution: null };
			tickets.set(ticketId, rec);
		}
		return rec;
	}

	function countSurvey(s: SurveyRecord, sign: 1 | -1): void {
		const flagged = [
			[surveyTimes.surveyed, true],
			[surveyTimes.responded, s.responded],
			[surveyTimes.resolved, s.resolved],
			[surveyTimes.satisfied, s.satisfied]
		] as const;
		for (const [times, flag] of flagged) {
			if (!flag) continue;
			if (sign > 0) times.add(s.at);
			else times.remove(s.at);
		}
	}

	// --- apply ---

	function apply(event: WallboardEvent): void {
		if (!Number.isFinite(event.at)) {
			throw new RangeError(`event ${JSON.stringify(event.id)}: at is not finite: ${event.at}`);
		}
		const { at, id } = event;
		switch (event.type) {
			case 'call.offered': {
				queueNames.add(event.queue);
				const rec = callRecord(event.callId);
				if (rec.offered === null || before(event, rec.offered)) {
					rec.offered = { at, id, queue: event.queue, caller: event.caller ?? null };
					refreshCall(event.callId, rec);
				}
				break;
			}
			case 'call.answered': {
				const rec = callRecord(event.callId);
				if (rec.answered === null || before(event, rec.answered)) {
					rec.answered = { at, id };
					refreshCall(event.callId, rec);
				}
				break;
			}
			case 'call.abandoned': {
				const rec = callRecord(event.callId);
				if (rec.abandoned === null || before(event, rec.abandoned)) {
					rec.abandoned = { at, id };
					refreshCall(event.callId, rec);
				}
				break;
			}
			case 'call.ended': {
				const rec = callRecord(event.callId);
				if (rec.ended === null || before(event, rec.ended)) rec.ended = { at, id };
				break;
			}
			case 'agent.state': {
				const rec = agents.get(event.agentId);
				const name = latestField(rec?.name ?? null, event, event.name);
				const team = latestField(rec?.team ?? null, event, event.team);
				if (rec === undefined || before(rec, event)) {
					if (rec !== undefined) agentCounts[rec.state] -= 1;
					agents.set(event.agentId, { at, id, state: event.state, name, team });
					agentCounts[event.state] += 1;
				} else {
					rec.name = name;
					rec.team = team;
				}
				break;
			}
			case 'ticket.created': {
				const rec = ticketRecord(event.ticketId);
				if (rec.created === null || before(event, rec.created)) {
					// Only what the wallboard shows: summary, callerName and callerPhone (PII) are
					// never stored here.
					const { category, kind, district } = event;
					rec.created = { at, id, category, kind, district };
					refreshTicket(event.ticketId, rec);
				}
				break;
			}
			case 'ticket.dispatched': {
				const rec = ticketRecord(event.ticketId);
				if (rec.dispatched === null || before(event, rec.dispatched)) {
					rec.dispatched = { at, id, department: event.department };
					refreshTicket(event.ticketId, rec);
				}
				break;
			}
			case 'ticket.feedback': {
				const rec = ticketRecord(event.ticketId);
				if (rec.feedback === null || before(rec.feedback, event)) {
					rec.feedback = { at, id, outcome: event.outcome };
				}
				break;
			}
			case 'ticket.survey': {
				const rec = surveys.get(event.ticketId);
				if (rec === undefined || before(rec, event)) {
					if (rec !== undefined) countSurvey(rec, -1);
					const { responded, resolved, satisfied } = event;
					const next = { at, id, responded, resolved, satisfied };
					surveys.set(event.ticketId, next);
					countSurvey(next, 1);
				}
				break;
			}
			default:
				// Event types from a later contract version change nothing here.
				break;
		}
	}

	// --- snapshot ---

	function queueStats(
		w: CallWindows | undefined,
		today: CallDayCounts | undefined,
		now: number
	): QueueStats {
		let earliest = Infinity;
		if (w !== undefined)
			for (const offeredAt of w.waiting.values()) earliest = Math.min(earliest, offeredAt);
		const answeredToday = today?.answered ?? 0;
		const abandonedToday = today?.abandoned ?? 0;
		const answeredWithinTargetToday = today?.answeredWithinTarget ?? 0;
		const answered24h = w?.answered.countIn(now - ROLLING_WINDOW_MS, now) ?? 0;
		const abandoned24h = w?.abandoned.countIn(now - ROLLING_WINDOW_MS, now) ?? 0;
		return {
			waiting: w?.waiting.size ?? 0,
			longestWaitSeconds:
				earliest === Infinity ? 0 : Math.max(0, Math.floor((now - earliest) / 1000)),
			offeredToday: today?.offered ?? 0,
			answeredToday,
			abandonedToday,
			answeredWithinTargetToday,
			serviceLevelToday: ratio(answeredWithinTargetToday, answeredToday + abandonedToday),
			asaSecondsToday: answeredToday === 0 ? null : (today?.waitSumMs ?? 0) / answeredToday / 1000,
			abandonRateToday: ratio(abandonedToday, answeredToday + abandonedToday),
			answered24h,
			abandoned24h,
			answerRate24h: ratio(answered24h, answered24h + abandoned24h)
		};
	}

	function overdueEntry(t: TicketContribution, now: number): OverdueTicket {
		return {
			ticketId: t.ticketId,
			category: t.category,
			kind: t.kind,
			district: t.district,
			createdAt: new Date(t.createdAt).toISOString(),
			deadlineAt: new Date(t.deadline).toISOString(),
			// Whole seconds of `now` past the deadline's second: every entry ticks at the same instant,
			// so the list (an array, which a merge patch replaces whole) changes once a second at most.
			overdueSeconds: Math.max(0, Math.floor(now / 1000) - Math.floor(t.deadline / 1000))
		};
	}

	/** The first pending ticket past the overdue ones has the nearest deadline still ahead. */
	function nextDeadlines(overdue: Record<Category, number>): Partial<Record<Category, string>> {
		const next: Partial<Record<Category, string>> = {};
		for (const c of CATEGORIES) {
			const t = pending[c][overdue[c]];
			if (t !== undefined) next[c] = new Date(t.deadline).toISOString();
		}
		return next;
	}

	function ticketStats(today: DayCounts | undefined, now: number): TicketStats {
		const overdue = byCategory((c) => countOverdue(pending[c], now));
		const mostOverdue: TicketContribution[] = [];
		for (const c of CATEGORIES) {
			const n = Math.min(overdue[c], OVERDUE_LIST_MAX);
			for (let i = 0; i < n; i++) mostOverdue.push(pending[c][i] as TicketContribution);
		}
		mostOverdue.sort((a, b) => (pendingBefore(a, b) ? -1 : pendingBefore(b, a) ? 1 : 0));

		const low = now - SURVEY_WINDOW_MS;
		const surveyed = surveyTimes.surveyed.countIn(low, now);
		const survey30d: SurveyStats = {
			surveyed,
			responseRate: ratio(surveyTimes.responded.countIn(low, now), surveyed),
			resolutionRate: ratio(surveyTimes.resolved.countIn(low, now), surveyed),
			satisfactionRate: ratio(surveyTimes.satisfied.countIn(low, now), surveyed)
		};
		return {
			pending: byCategory((c) => pending[c].length),
			overdue,
			overdueList: mostOverdue.slice(0, OVERDUE_LIST_MAX).map((t) => overdueEntry(t, now)),
			dispatchedToday: today?.dispatched ?? 0,
			dispatchedOnTimeToday: today?.dispatchedOnTime ?? 0,
			survey30d,
			nextDeadlineAt: nextDeadlines(overdue)
		};
	}

	function snapshot(now: number): LiveSnapshot {
		if (!Number.isFinite(now)) throw new RangeError(`snapshot: now is not finite: ${now}`);
		const day = businessDay(now);
		const today = days.get(day);
		const queues = [...queueNames].sort();
		return {
			at: new Date(now).toISOString(),
			timezone,
			businessDay: day,
			calls: {
				all: queueStats(allWindows, today?.all, now),
				byQueue: Object.fromEntries(
					queues.map((q) => [q, queueStats(windowsByQueue.get(q), today?.byQueue.get(q), now)])
				),
				series: series.snapshot(now)
			},
			agents: {
				available: agentCounts.available,
				busy: agentCounts.busy,
				wrapup: agentCounts.wrapup,
				break: agentCounts.break,
				offline: agentCounts.offline
			},
			tickets: ticketStats(today, now)
		};
	}

	// --- prune ---

	function prune(now: number): void {
		if (!Number.isFinite(now)) throw new RangeError(`prune: now is not finite: ${now}`);
		const liveCutoff = now - LIVE_WINDOW_MS;
		const surveyCutoff = now - SURVEY_WINDOW_MS;

		for (const w of [allWindows, ...windowsByQueue.values()]) {
			w.answered.pruneBefore(liveCutoff);
			w.abandoned.pruneBefore(liveCutoff);
		}
		for (const times of Object.values(surveyTimes)) times.pruneBefore(surveyCutoff - DAY_MS);
		series.prune(now);

		const floor = addDays(businessDay(now), -DAY_COUNTERS_KEPT_DAYS);
		if (floor > dayFloor) {
			dayFloor = floor;
			for (const day of days.keys()) if (day < dayFloor) days.delete(day);
		}

		// A dropped record's contribution stays in the aggregates: it only touches instants and
		// days that no snapshot at or after `now` reads.
		for (const [callId, rec] of calls) {
			if (isWaiting(rec.contribution)) continue;
			const stamps = [rec.offered, rec.answered, rec.abandoned, rec.ended];
			if (stamps.every((s) => s === null || s.at < liveCutoff)) calls.delete(callId);
		}
		for (const [ticketId, rec] of tickets) {
			if (rec.contribution !== null && rec.contribution.dispatchedAt === null) continue;
			const stamps = [rec.created, rec.dispatched, rec.feedback];
			if (stamps.every((s) => s === null || s.at < liveCutoff)) tickets.delete(ticketId);
		}
		for (const [ticketId, rec] of surveys) if (rec.at < surveyCutoff) surveys.delete(ticketId);
	}

	function ticketView(ticketId: string, rec: TicketRecord): TicketView | null {
		const t = rec.contribution;
		if (t === null) return null;
		return {
			ticketId,
			category: t.category,
			kind: t.kind,
			district: t.district,
			createdAt: t.createdAt,
			deadline: t.deadline,
			dispatchedAt: t.dispatchedAt,
			department: rec.dispatched?.department ?? null,
			feedbackAt: rec.feedback?.at ?? null
		};
	}

	const records: LiveRecords = {
		waitingCalls(queue) {
			const w = windowsByQueue.get(queue);
			if (w === undefined) return [];
			return [...w.waiting].map(([callId, offeredAt]) => ({
				callId,
				offeredAt,
				caller: calls.get(callId)?.offered?.caller ?? null
			}));
		},
		*agents() {
			for (const [agentId, rec] of agents) {
				yield {
					agentId,
					state: rec.state,
					since: rec.at,
					name: rec.name?.value ?? null,
					team: rec.team?.value ?? null
				};
			}
		},
		pendingTickets(category) {
			const views: TicketView[] = [];
			for (const t of pending[category]) {
				const rec = tickets.get(t.ticketId);
				const view = rec === undefined ? null : ticketView(t.ticketId, rec);
				if (view !== null) views.push(view);
			}
			return views;
		},
		*awaitingFeedback() {
			for (const [ticketId, rec] of tickets) {
				if (rec.dispatched === null || rec.feedback !== null) continue;
				const view = ticketView(ticketId, rec);
				if (view !== null) yield view;
			}
		}
	};

	return {
		records,
		apply,
		applyAll(events: Iterable<WallboardEvent>): void {
			for (const event of events) apply(event);
		},
		snapshot,
		prune,
		get stats() {
			return {
				calls: calls.size,
				tickets: tickets.size,
				agents: agents.size,
				surveys: surveys.size
			};
		}
	};
}
