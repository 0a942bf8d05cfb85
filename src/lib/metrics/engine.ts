/**
 * The metrics engine: folds wallboard events into live state and answers `snapshot(now)`
 * (contract §3).
 *
 * Why one file of ~800 lines: the records, their contributions and the aggregates they are
 * retracted from and added to must change together in one place, or an order-independence bug
 * hides between two files; the separable accumulators (callbacks.ts, staffing.ts, districts.ts,
 * series.ts) and the rules (rules.ts) already live apart.
 *
 * Design. The state is a join-semilattice per key (callId, agentId, ticketId): every field of a
 * record is "earliest wins" (call.offered, call.answered, ticket.created, …) or "latest wins"
 * (agent.state, ticket.survey, ticket.feedback) under the total order (at, id) of stamp.ts. Merging
 * is commutative, associative and idempotent, so applying the same set of events in any order,
 * with any duplicates, yields the same records. Each record also holds its current *contribution*
 * to the aggregates (per-day counters, sorted instants for the rolling windows, waiting calls,
 * pending tickets ordered by deadline), which is its outcome (rules.ts); when a record changes, its
 * old contribution is retracted and the new one added, so every aggregate equals the sum over the
 * records' current contributions, whatever the arrival order. The aggregates are mutable Maps and arrays for speed;
 * what is observable (`snapshot`) is a pure function of (set of applied events, now). Time only
 * ever comes in as an argument.
 *
 * The rules themselves (which event wins, wait, within target, deadline, on time, overdue) live
 * in rules.ts, shared with the history rollups (rollup.ts): this file only keeps the aggregates.
 */
import { AGENT_STATES, CATEGORIES } from '../contract/events';
import type { AgentState, Category, WallboardEvent } from '../contract/events';
import { OVERDUE_LIST_MAX } from '../contract/snapshot';
import type {
	AgentCounts,
	LiveSnapshot,
	OverdueTicket,
	QueueStats,
	SurveyStats,
	TicketStats,
	TopicToday
} from '../contract/snapshot';
import { LIVE_WINDOW_MS, SURVEY_WINDOW_MS, validateMetricsConfig } from './config';
import type { MetricsConfig } from './config';
import { answerRate24hIn1h } from './answer-rate-projection';
import { CALLBACK_WINDOW_MS, createCallbacks } from './callbacks';
import { createDistricts } from './districts';
import {
	callbackOutcome,
	callOutcome,
	callTalk,
	createTargetOf,
	isOnDuty,
	isOverdue,
	isWaiting,
	mergeCallEvent,
	mergeTicketEvent,
	surveyReplaces,
	surveyStamp,
	ticketOutcome,
	type CallbackOutcome,
	type CallOutcome,
	type CallStamps,
	type SurveyStamp,
	type TicketOutcome,
	type TicketStamps
} from './rules';
import { createMinuteSeries } from './series';
import { createStaffing, type TalkContribution } from './staffing';
import { lowerBoundBy, SortedTimes } from './sorted-times';
import { replacesLatest, type Stamp } from './stamp';
import { addDays, createBusinessDay } from './timezone';

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
export type LiveWaitingCall = { callId: string; offeredAt: number; caller: string | null };
/** An agent's latest state (and the latest name and team any of its events carried). */
export type LiveAgent = {
	agentId: string;
	state: AgentState;
	since: number;
	name: string | null;
	team: string | null;
	/** The pause reason while on break (the latest state's `reason`), else null. */
	reason: string | null;
};
/** A ticket whose `ticket.created` is known: its outcome (dispatchedAt null while pending). */
export type LiveTicket = TicketOutcome & {
	/** null while no feedback arrived. */
	feedbackAt: number | null;
};

export interface LiveRecords {
	/** The calls waiting in `queue` (any order). */
	waitingCalls(queue: string): LiveWaitingCall[];
	agents(): Iterable<LiveAgent>;
	/** Pending tickets of a category, most overdue first (deadlineAt, ticketId). */
	pendingTickets(category: Category): readonly LiveTicket[];
	/** Tickets dispatched and still without feedback (any order). */
	awaitingFeedback(): Iterable<LiveTicket>;
	/** Calls abandoned within (now − 24 h, now] and not called back (any order). */
	awaitingCallback(now: number): Iterable<LiveAbandonedCall>;
	/** Today's top topics (contract v1.1 §7 topicsToday), of one district when given. */
	topicsToday(now: number, district?: string): TopicToday[];
}

/** An abandoned call awaiting a callback, as the detail queries read it. */
export type LiveAbandonedCall = {
	callId: string;
	queue: string;
	abandonedAt: number;
	caller: string | null;
};

/** The rolling window of `answered24h` / `abandoned24h`. */
const ROLLING_WINDOW_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
const DAY_MS = 86_400_000;
/** Day counters are kept for this many business days before today's. */
const DAY_COUNTERS_KEPT_DAYS = 2;

// ---------------------------------------------------------------------------------------------
// Records and their contributions

/**
 * A call's counting events; its contributions are its outcome (null while offered is unknown),
 * its callback outcome and its talk (staffing.ts), each refreshed only by the events it reads.
 */
type CallRecord = CallStamps & {
	contribution: CallOutcome | null;
	callbacks: CallbackOutcome | null;
	talk: TalkContribution | null;
};

/** A ticket's counting events (feedback is kept for the detail queries, not in the snapshot). */
type TicketRecord = TicketStamps & { contribution: TicketOutcome | null };

type AgentRecord = Stamp & {
	state: AgentState;
	/** Latest-wins per field: not every agent.state event carries a name or a team. */
	name: (Stamp & { value: string }) | null;
	team: (Stamp & { value: string }) | null;
	/** The latest state's reason, kept only while that state is `break`. */
	reason: string | null;
};

/** The later of a field's current value and the event's, if the event carries one. */
function latestField(
	current: (Stamp & { value: string }) | null,
	event: Stamp,
	value: string | undefined
): (Stamp & { value: string }) | null {
	if (value === undefined) return current;
	if (replacesLatest(current, event)) return { at: event.at, id: event.id, value };
	return current;
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
	waitMsSum: number;
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
	return { offered: 0, answered: 0, abandoned: 0, answeredWithinTarget: 0, waitMsSum: 0 };
}

/** Sorted by (deadlineAt, ticketId): the most overdue first. */
function pendingBefore(a: TicketOutcome, b: TicketOutcome): boolean {
	return a.deadlineAt < b.deadlineAt || (a.deadlineAt === b.deadlineAt && a.ticketId < b.ticketId);
}

/** The pending list is sorted by deadline, so the overdue tickets at `now` are a prefix of it. */
function overdueAt(t: TicketOutcome, now: number): boolean {
	return isOverdue(t.deadlineAt, now);
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
	const targetOf = createTargetOf(config);
	const deadlines = byCategory((c) => config.dispatchDeadlineMs[c]);

	// Records.
	const calls = new Map<string, CallRecord>();
	const tickets = new Map<string, TicketRecord>();
	const surveys = new Map<string, SurveyStamp>();
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
	const pending = byCategory<TicketOutcome[]>(() => []);
	const agentCounts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as AgentCounts;
	const callbacks = createCallbacks();
	const staffing = createStaffing(config.serviceLevelGoal);
	const districts = createDistricts(businessDay, SURVEY_WINDOW_MS);
	/** The district and survey under which a ticket's survey is counted in `districts`. */
	const surveyContribution = new Map<string, { district: string; survey: SurveyStamp }>();
	/**
	 * The district of tickets whose record was pruned, kept while a survey of theirs can still
	 * count (created within the survey window and a day, or surveyed within it).
	 */
	const settledDistrict = new Map<string, { district: string; createdAt: number }>();
	/**
	 * The queue of calls whose record was pruned, kept a day longer so that a late call.callback
	 * still counts in calledBack24h for its queue — unless the call had an earlier callback
	 * (`firstCallbackAt`), which stays its earliest (only the earliest counts).
	 */
	const settledQueue = new Map<
		string,
		{ queue: string; lastAt: number; firstCallbackAt: number | null }
	>();
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

	/** Adds (sign 1) or retracts (sign −1) a call's contribution. */
	function countCall(callId: string, c: CallOutcome, sign: 1 | -1): void {
		series.count(c, sign);
		staffing.countOffered(c.queue, c.offeredAt, sign);
		const w = windowsOf(c.queue);
		const offeredCounts = callDayCounts(businessDay(c.offeredAt), c.queue);
		if (offeredCounts !== null) for (const n of offeredCounts) n.offered += sign;

		if (c.answeredAt !== null) {
			const counts = callDayCounts(businessDay(c.answeredAt), c.queue);
			if (counts !== null) {
				for (const n of counts) {
					n.answered += sign;
					n.waitMsSum += sign * c.waitMs;
					if (c.withinTarget) n.answeredWithinTarget += sign;
				}
			}
			for (const times of [w.answered, allWindows.answered]) {
				if (sign > 0) times.add(c.answeredAt);
				else times.remove(c.answeredAt);
			}
		} else if (c.abandonedAt !== null) {
			const counts = callDayCounts(businessDay(c.abandonedAt), c.queue);
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
		rec.contribution = callOutcome(rec, targetOf);
		if (rec.contribution !== null) countCall(callId, rec.contribution, 1);
		refreshCallbacks(rec, callId);
		refreshTalk(rec);
	}

	function refreshCallbacks(rec: CallRecord, callId: string): void {
		let next = callbackOutcome(rec, rec.contribution);
		const settled = rec.offered === null ? settledQueue.get(callId) : undefined;
		if (
			next === null &&
			settled !== undefined &&
			rec.callback !== null &&
			(settled.firstCallbackAt === null || rec.callback.at < settled.firstCallbackAt)
		) {
			// Its abandon (if any) lies before the live window: only the callback can still count.
			next = { queue: settled.queue, awaitingSince: null, calledBackAt: rec.callback.at };
		}
		const old = rec.callbacks;
		if (
			old !== null &&
			next !== null &&
			old.queue === next.queue &&
			old.awaitingSince === next.awaitingSince &&
			old.calledBackAt === next.calledBackAt
		) {
			return;
		}
		if (old !== null) callbacks.count(old, -1);
		rec.callbacks = next;
		if (next !== null) callbacks.count(next, 1);
	}

	function refreshTalk(rec: CallRecord): void {
		const talk = callTalk(rec);
		const queue = rec.contribution?.queue;
		const next = talk === null || queue === undefined ? null : { queue, ...talk };
		const old = rec.talk;
		if (
			old !== null &&
			next !== null &&
			old.queue === next.queue &&
			old.endedAt === next.endedAt &&
			old.talkMs === next.talkMs
		) {
			return;
		}
		if (old !== null) staffing.countTalk(old, -1);
		rec.talk = next;
		if (next !== null) staffing.countTalk(next, 1);
	}

	function callRecord(callId: string): CallRecord {
		let rec = calls.get(callId);
		if (rec === undefined) {
			rec = {
				offered: null,
				answered: null,
				abandoned: null,
				ended: null,
				callback: null,
				contribution: null,
				callbacks: null,
				talk: null
			};
			calls.set(callId, rec);
		}
		return rec;
	}

	// --- tickets ---

	function countTicket(t: TicketOutcome, sign: 1 | -1): void {
		if (t.dispatchedAt === null) {
			const list = pending[t.category];
			const i = lowerBoundBy(list, t, pendingBefore);
			if (sign > 0) list.splice(i, 0, t);
			else if (list[i]?.ticketId === t.ticketId) list.splice(i, 1);
			return;
		}
		const d = dayCounts(businessDay(t.dispatchedAt));
		if (d === null) return;
		d.dispatched += sign;
		if (t.dispatchedOnTime === true) d.dispatchedOnTime += sign;
	}

	function refreshTicket(ticketId: string, rec: TicketRecord): void {
		const old = rec.contribution;
		if (old !== null) countTicket(old, -1);
		rec.contribution = ticketOutcome(ticketId, rec, deadlines);
		if (rec.contribution !== null) countTicket(rec.contribution, 1);
		districts.refreshTicket(old, rec.contribution);
		refreshSurveyDistrict(ticketId);
	}

	/** Counts a ticket's survey under its ticket's district (none while the district is unknown). */
	function refreshSurveyDistrict(ticketId: string): void {
		const survey = surveys.get(ticketId);
		const district =
			tickets.get(ticketId)?.contribution?.district ?? settledDistrict.get(ticketId)?.district;
		const old = surveyContribution.get(ticketId);
		if (old !== undefined && old.district === district && old.survey === survey) return;
		if (old !== undefined) {
			districts.countSurvey(old.district, old.survey, -1);
			surveyContribution.delete(ticketId);
		}
		if (survey !== undefined && district !== undefined) {
			districts.countSurvey(district, survey, 1);
			surveyContribution.set(ticketId, { district, survey });
		}
	}

	function ticketRecord(ticketId: string): TicketRecord {
		let rec = tickets.get(ticketId);
		if (rec === undefined) {
			rec = { created: null, dispatched: null, feedback: null, contribution: null };
			tickets.set(ticketId, rec);
		}
		return rec;
	}

	function countSurvey(s: SurveyStamp, sign: 1 | -1): void {
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
			case 'call.offered':
			case 'call.answered':
			case 'call.abandoned':
			case 'call.ended': {
				if (event.type === 'call.offered') queueNames.add(event.queue);
				const rec = callRecord(event.callId);
				// call.ended only counts in the talk time (staffing): refresh just that contribution.
				if (mergeCallEvent(rec, event)) {
					if (event.type === 'call.ended') refreshTalk(rec);
					else refreshCall(event.callId, rec);
				}
				break;
			}
			case 'call.callback': {
				const rec = callRecord(event.callId);
				if (mergeCallEvent(rec, event)) refreshCallbacks(rec, event.callId);
				break;
			}
			case 'agent.state': {
				const rec = agents.get(event.agentId);
				const name = latestField(rec?.name ?? null, event, event.name);
				const team = latestField(rec?.team ?? null, event, event.team);
				if (rec !== undefined)
					staffing.countAgent(isOnDuty(rec.state), rec.team?.value ?? null, -1);
				let next: AgentRecord;
				if (rec === undefined || replacesLatest(rec, event)) {
					if (rec !== undefined) agentCounts[rec.state] -= 1;
					const reason = event.state === 'break' ? (event.reason ?? null) : null;
					next = { at, id, state: event.state, name, team, reason };
					agents.set(event.agentId, next);
					agentCounts[event.state] += 1;
				} else {
					rec.name = name;
					rec.team = team;
					next = rec;
				}
				staffing.countAgent(isOnDuty(next.state), next.team?.value ?? null, 1);
				break;
			}
			case 'ticket.created':
			case 'ticket.dispatched':
			case 'ticket.feedback': {
				const rec = ticketRecord(event.ticketId);
				// Feedback counts in no live figure: the record keeps it for the detail queries.
				if (mergeTicketEvent(rec, event) && event.type !== 'ticket.feedback') {
					refreshTicket(event.ticketId, rec);
				}
				break;
			}
			case 'ticket.survey': {
				const rec = surveys.get(event.ticketId);
				if (surveyReplaces(rec, event)) {
					if (rec !== undefined) countSurvey(rec, -1);
					const next = surveyStamp(event);
					surveys.set(event.ticketId, next);
					countSurvey(next, 1);
					refreshSurveyDistrict(event.ticketId);
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
		queue: string | null,
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
		const oldestHour = [now - ROLLING_WINDOW_MS, now - ROLLING_WINDOW_MS + HOUR_MS] as const;
		const projected = answerRate24hIn1h({
			answered24h,
			abandoned24h,
			answeredOldestHour: w?.answered.countIn(...oldestHour) ?? 0,
			abandonedOldestHour: w?.abandoned.countIn(...oldestHour) ?? 0,
			answeredLastHour: w?.answered.countIn(now - HOUR_MS, now) ?? 0,
			abandonedLastHour: w?.abandoned.countIn(now - HOUR_MS, now) ?? 0
		});
		return {
			waiting: w?.waiting.size ?? 0,
			longestWaitSeconds:
				earliest === Infinity ? 0 : Math.max(0, Math.floor((now - earliest) / 1000)),
			offeredToday: today?.offered ?? 0,
			answeredToday,
			abandonedToday,
			answeredWithinTargetToday,
			serviceLevelToday: ratio(answeredWithinTargetToday, answeredToday + abandonedToday),
			asaSecondsToday: answeredToday === 0 ? null : (today?.waitMsSum ?? 0) / answeredToday / 1000,
			abandonRateToday: ratio(abandonedToday, answeredToday + abandonedToday),
			answered24h,
			abandoned24h,
			answerRate24h: ratio(answered24h, answered24h + abandoned24h),
			...(queue === null ? callbacks.hall(now) : callbacks.queue(queue, now)),
			answerRate24hIn1h: projected,
			staffing:
				queue === null
					? staffing.hall(config.serviceLevelTargetMs, now)
					: staffing.queue(queue, targetOf(queue), now)
		};
	}

	function overdueEntry(t: TicketOutcome, now: number): OverdueTicket {
		return {
			ticketId: t.ticketId,
			category: t.category,
			kind: t.kind,
			district: t.district,
			createdAt: new Date(t.createdAt).toISOString(),
			deadlineAt: new Date(t.deadlineAt).toISOString(),
			// Whole seconds of `now` past the deadline's second: every entry ticks at the same instant,
			// so the list (an array, which a merge patch replaces whole) changes once a second at most.
			overdueSeconds: Math.max(0, Math.floor(now / 1000) - Math.floor(t.deadlineAt / 1000))
		};
	}

	/** The first pending ticket past the overdue ones has the nearest deadline still ahead. */
	function nextDeadlines(overdue: Record<Category, number>): Partial<Record<Category, string>> {
		const next: Partial<Record<Category, string>> = {};
		for (const c of CATEGORIES) {
			const t = pending[c][overdue[c]];
			if (t !== undefined) next[c] = new Date(t.deadlineAt).toISOString();
		}
		return next;
	}

	function ticketStats(today: DayCounts | undefined, now: number): TicketStats {
		const overdue = byCategory((c) => lowerBoundBy(pending[c], now, overdueAt));
		const mostOverdue: TicketOutcome[] = [];
		for (const c of CATEGORIES) {
			const n = Math.min(overdue[c], OVERDUE_LIST_MAX);
			for (let i = 0; i < n; i++) mostOverdue.push(pending[c][i] as TicketOutcome);
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
			nextDeadlineAt: nextDeadlines(overdue),
			byDistrict: districts.byDistrict(now),
			topicsToday: districts.topicsToday(now)
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
				all: queueStats(null, allWindows, today?.all, now),
				byQueue: Object.fromEntries(
					queues.map((q) => [q, queueStats(q, windowsByQueue.get(q), today?.byQueue.get(q), now)])
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
		callbacks.prune(liveCutoff);
		staffing.prune(liveCutoff);

		const floor = addDays(businessDay(now), -DAY_COUNTERS_KEPT_DAYS);
		districts.prune(liveCutoff, surveyCutoff - DAY_MS, floor);
		if (floor > dayFloor) {
			dayFloor = floor;
			for (const day of days.keys()) if (day < dayFloor) days.delete(day);
		}

		// A dropped record's contribution stays in the aggregates: it only touches instants and
		// days that no snapshot at or after `now` reads.
		for (const [callId, rec] of calls) {
			if (isWaiting(rec.contribution)) continue;
			const stamps = [rec.offered, rec.answered, rec.abandoned, rec.ended, rec.callback];
			if (stamps.every((s) => s === null || s.at < liveCutoff)) {
				calls.delete(callId);
				if (rec.contribution !== null) {
					const lastAt = Math.max(...stamps.map((s) => s?.at ?? -Infinity));
					settledQueue.set(callId, {
						queue: rec.contribution.queue,
						lastAt,
						firstCallbackAt: rec.callback?.at ?? null
					});
				}
			}
		}
		for (const [callId, c] of settledQueue) {
			if (c.lastAt < liveCutoff - ROLLING_WINDOW_MS) settledQueue.delete(callId);
		}
		for (const [ticketId, rec] of tickets) {
			if (rec.contribution !== null && rec.contribution.dispatchedAt === null) continue;
			const stamps = [rec.created, rec.dispatched, rec.feedback];
			if (stamps.every((s) => s === null || s.at < liveCutoff)) {
				tickets.delete(ticketId);
				const t = rec.contribution;
				if (t !== null && (t.createdAt >= surveyCutoff - DAY_MS || surveys.has(ticketId))) {
					settledDistrict.set(ticketId, { district: t.district, createdAt: t.createdAt });
				}
			}
		}
		for (const [ticketId, rec] of surveys) {
			if (rec.at >= surveyCutoff) continue;
			// Its contribution stays in the aggregates, like a dropped record's (see below).
			surveys.delete(ticketId);
			surveyContribution.delete(ticketId);
		}
		for (const [ticketId, t] of settledDistrict) {
			if (t.createdAt < surveyCutoff - DAY_MS && !surveys.has(ticketId)) {
				settledDistrict.delete(ticketId);
			}
		}
	}

	function liveTicket(rec: TicketRecord): LiveTicket | null {
		const t = rec.contribution;
		if (t === null) return null;
		return { ...t, feedbackAt: rec.feedback?.at ?? null };
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
					team: rec.team?.value ?? null,
					reason: rec.reason
				};
			}
		},
		pendingTickets(category) {
			const views: LiveTicket[] = [];
			for (const t of pending[category]) {
				const rec = tickets.get(t.ticketId);
				const view = rec === undefined ? null : liveTicket(rec);
				if (view !== null) views.push(view);
			}
			return views;
		},
		*awaitingCallback(now) {
			for (const [callId, rec] of calls) {
				const since = rec.callbacks?.awaitingSince ?? null;
				if (since === null || since <= now - CALLBACK_WINDOW_MS || since > now) continue;
				const queue = rec.callbacks?.queue as string;
				yield { callId, queue, abandonedAt: since, caller: rec.offered?.caller ?? null };
			}
		},
		topicsToday: (now, district) => districts.topicsToday(now, district),
		*awaitingFeedback() {
			for (const rec of tickets.values()) {
				if (rec.dispatched === null || rec.feedback !== null) continue;
				const view = liveTicket(rec);
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
