/**
 * The supervisors' detail queries over the engine's live records: a queue's waiting calls and
 * agents, the agents by team and state, and the ticket board. Pure: `now` is an argument, PII is
 * masked here, so nothing these return can leak a caller.
 */
import { AGENT_STATES, CATEGORIES, type AgentState, type Category } from '../contract/events';
import type {
	AgentRow,
	AwaitingCallbackCall,
	CallbackList,
	AwaitingFeedbackTicket,
	PendingTicket,
	QueueDetail,
	TicketBoard,
	WaitingCall
} from '../contract/supervision';
import type { LiveAbandonedCall, LiveAgent, LiveRecords, LiveTicket } from './engine';
import { maskCaller } from './mask';
import { dispatchedOnTime, isOverdue } from './rules';

/** Each list of the ticket board holds at most this many tickets (the counts stay whole). */
export const DETAIL_LIST_MAX = 100;

const iso = (ms: number) => new Date(ms).toISOString();
/** Whole seconds between two instants, on second boundaries so every row ticks together. */
const wholeSeconds = (from: number, to: number) => Math.floor(to / 1000) - Math.floor(from / 1000);

function agentRow(a: LiveAgent, now: number): AgentRow {
	return {
		agentId: a.agentId,
		name: a.name,
		team: a.team,
		state: a.state,
		reason: a.reason,
		since: iso(a.since),
		stateSinceSeconds: Math.max(0, wholeSeconds(a.since, now))
	};
}

/** By state (available first, offline last), then longest in that state first, then id. */
function byStateThenSince(a: LiveAgent, b: LiveAgent): number {
	const s = AGENT_STATES.indexOf(a.state) - AGENT_STATES.indexOf(b.state);
	if (s !== 0) return s;
	if (a.since !== b.since) return a.since - b.since;
	return a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0;
}

/**
 * A queue's waiting calls in queue order (earliest offered first: position 1 is answered next)
 * and its agents (those whose team is the queue).
 */
export function queueDetail(records: LiveRecords, now: number, queue: string): QueueDetail {
	const calls: WaitingCall[] = records
		.waitingCalls(queue)
		.sort((a, b) => a.offeredAt - b.offeredAt || (a.callId < b.callId ? -1 : 1))
		.map((c, i) => ({
			position: i + 1,
			callId: c.callId,
			offeredAt: iso(c.offeredAt),
			waitingSeconds: Math.max(0, wholeSeconds(c.offeredAt, now)),
			callerMasked: maskCaller(c.caller)
		}));
	return { queue, calls, agents: agentsList(records, now, { team: queue }).agents };
}

export type AgentsFilter = { team?: string; state?: AgentState };

/** Agents, optionally of one team and/or in one state; `teams` lists every team seen. */
export function agentsList(
	records: LiveRecords,
	now: number,
	filter: AgentsFilter = {}
): { agents: AgentRow[]; teams: string[] } {
	const teams = new Set<string>();
	const chosen: LiveAgent[] = [];
	for (const a of records.agents()) {
		if (a.team !== null) teams.add(a.team);
		if (filter.team !== undefined && a.team !== filter.team) continue;
		if (filter.state !== undefined && a.state !== filter.state) continue;
		chosen.push(a);
	}
	return {
		agents: chosen.sort(byStateThenSince).map((a) => agentRow(a, now)),
		teams: [...teams].sort()
	};
}

export type TicketFilter = {
	district?: string;
	/** Only dispatched tickets have a department: this narrows `awaitingFeedback` alone. */
	department?: string;
};

function pendingTicket(t: LiveTicket, now: number): PendingTicket {
	return {
		ticketId: t.ticketId,
		category: t.category,
		kind: t.kind,
		district: t.district,
		createdAt: iso(t.createdAt),
		deadlineAt: iso(t.deadlineAt),
		secondsLeft: wholeSeconds(now, t.deadlineAt)
	};
}

/**
 * Per category: pending tickets still within their dispatch deadline (nearest deadline first),
 * overdue ones (deadline < now, most overdue first), and tickets dispatched and awaiting the
 * unit's feedback (longest waiting first). Lists are cut at {@link DETAIL_LIST_MAX}.
 */
export function ticketBoard(
	records: LiveRecords,
	now: number,
	filter: TicketFilter = {},
	limit = DETAIL_LIST_MAX
): TicketBoard {
	const districts = new Set<string>();
	const departments = new Set<string>();
	const empty = () => ({ pending: [], overdue: [], awaitingFeedback: [] });
	const byCategory: TicketBoard['byCategory'] = {
		emergency: empty(),
		livelihood: empty(),
		general: empty()
	};
	const counts = {} as TicketBoard['counts'];
	for (const c of CATEGORIES) counts[c] = { pending: 0, overdue: 0, awaitingFeedback: 0 };
	const inDistrict = (t: LiveTicket) =>
		filter.district === undefined || t.district === filter.district;

	for (const c of CATEGORIES) {
		const lists = byCategory[c];
		for (const t of records.pendingTickets(c)) {
			districts.add(t.district);
			if (!inDistrict(t)) continue;
			const overdue = isOverdue(t.deadlineAt, now);
			const key = overdue ? 'overdue' : 'pending';
			counts[c][key] += 1;
			if (lists[key].length < limit) lists[key].push(pendingTicket(t, now));
		}
	}

	const awaiting: LiveTicket[] = [];
	for (const t of records.awaitingFeedback()) {
		districts.add(t.district);
		if (t.department !== null) departments.add(t.department);
		if (!inDistrict(t)) continue;
		if (filter.department !== undefined && t.department !== filter.department) continue;
		awaiting.push(t);
	}
	awaiting.sort(
		(a, b) => (a.dispatchedAt ?? 0) - (b.dispatchedAt ?? 0) || (a.ticketId < b.ticketId ? -1 : 1)
	);
	for (const t of awaiting) {
		const c: Category = t.category;
		counts[c].awaitingFeedback += 1;
		if (byCategory[c].awaitingFeedback.length >= limit) continue;
		const dispatchedAt = t.dispatchedAt ?? t.createdAt;
		const row: AwaitingFeedbackTicket = {
			ticketId: t.ticketId,
			category: c,
			kind: t.kind,
			district: t.district,
			department: t.department ?? '',
			dispatchedAt: iso(dispatchedAt),
			onTime: dispatchedOnTime(dispatchedAt, t.deadlineAt)
		};
		byCategory[c].awaitingFeedback.push(row);
	}
	return {
		byCategory,
		counts,
		districts: [...districts].sort(),
		departments: [...departments].sort(),
		topicsToday: records.topicsToday(now, filter.district)
	};
}

/**
 * Abandoned calls awaiting a callback (within 24 h, as counted in abandonedAwaitingCallback),
 * optionally of one queue, oldest first; the caller masked. `queues` lists the queues among all;
 * `recent15m` those abandoned within (now − 15 min, now], newest first.
 */
/** "Abandoned in the last 15 minutes" (the callbacks view's first list). */
export const RECENT_ABANDON_MS = 15 * 60_000;

export function callbackList(
	records: LiveRecords,
	now: number,
	queue?: string,
	limit = DETAIL_LIST_MAX
): CallbackList {
	const queues = new Set<string>();
	const chosen: LiveAbandonedCall[] = [];
	for (const c of records.awaitingCallback(now)) {
		queues.add(c.queue);
		if (queue === undefined || c.queue === queue) chosen.push(c);
	}
	chosen.sort((a, b) => a.abandonedAt - b.abandonedAt || (a.callId < b.callId ? -1 : 1));
	const row = (c: (typeof chosen)[number]): AwaitingCallbackCall => ({
		callId: c.callId,
		queue: c.queue,
		abandonedAt: iso(c.abandonedAt),
		awaitingSeconds: Math.max(0, wholeSeconds(c.abandonedAt, now)),
		callerMasked: maskCaller(c.caller)
	});
	const calls = chosen.slice(0, limit).map(row);
	// The last 15 minutes, newest first: the callers most likely still reachable.
	const recent = chosen.filter((c) => c.abandonedAt > now - RECENT_ABANDON_MS).reverse();
	return {
		calls,
		count: chosen.length,
		queues: [...queues].sort(),
		recent15m: { calls: recent.slice(0, limit).map(row), count: recent.length }
	};
}
