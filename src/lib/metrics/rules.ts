/**
 * The business rules behind every call and ticket figure, in one place: which of an entity's
 * events count (earliest or latest wins, in the (at, id) order of stamp.ts), a call's wait and talk
 * time, "within target", a ticket's dispatch deadline, "on time" and "overdue". The live engine
 * (engine.ts), the history rollups (rollup.ts), the ticket timeline (timeline.ts) and the detail
 * queries (detail.ts) apply these functions and encode none of the rules themselves, which is
 * what keeps today's rollups equal to the live snapshot's today figures
 * (rollup-live.property.test.ts).
 *
 * The engine calls `mergeCallEvent` and `callOutcome` for every event it applies: they allocate
 * only the stamp that wins and the outcome that replaces the old one.
 *
 * Long (~350 lines) on purpose: one home for every rule is the point of this module.
 */
import type {
	AgentState,
	CallAbandoned,
	CallAnswered,
	CallCallback,
	CallEnded,
	CallOffered,
	Category,
	FeedbackOutcome,
	TicketCreated,
	TicketDispatched,
	TicketFeedback,
	TicketKind,
	TicketSurvey,
	WallboardEvent
} from '../contract/events';
import type { MetricsConfig } from './config';
import { replacesEarliest, replacesLatest, type Stamp } from './stamp';

// ---------------------------------------------------------------------------------------------
// Calls

/**
 * The longest wait or talk one call counts (24 h): a longer one is a source's error, and the
 * bound keeps every rollup sum far from overflowing (a bigint sum would need 10^11 calls).
 */
export const MAX_CALL_DURATION_MS = 24 * 60 * 60 * 1000;

const bounded = (ms: number) => Math.min(MAX_CALL_DURATION_MS, Math.max(0, ms));

export type CallEvent = CallOffered | CallAnswered | CallAbandoned | CallEnded | CallCallback;

export type OfferedStamp = Stamp & { queue: string; caller: string | null };

/** The events of one call that count: the earliest of each type. */
export type CallStamps = {
	offered: OfferedStamp | null;
	answered: Stamp | null;
	abandoned: Stamp | null;
	ended: Stamp | null;
	/** The earliest `call.callback` (contract v1.1 §6): when the hall first called back. */
	callback: Stamp | null;
};

/** Folds `e` into `call` (the earliest event of each type wins); true when `call` changed. */
export function mergeCallEvent(call: CallStamps, e: CallEvent): boolean {
	switch (e.type) {
		case 'call.offered':
			if (!replacesEarliest(call.offered, e)) return false;
			call.offered = { at: e.at, id: e.id, queue: e.queue, caller: e.caller ?? null };
			return true;
		case 'call.answered':
			if (!replacesEarliest(call.answered, e)) return false;
			call.answered = { at: e.at, id: e.id };
			return true;
		case 'call.abandoned':
			if (!replacesEarliest(call.abandoned, e)) return false;
			call.abandoned = { at: e.at, id: e.id };
			return true;
		case 'call.ended':
			if (!replacesEarliest(call.ended, e)) return false;
			call.ended = { at: e.at, id: e.id };
			return true;
		case 'call.callback':
			if (!replacesEarliest(call.callback, e)) return false;
			call.callback = { at: e.at, id: e.id };
			return true;
		default:
			return false;
	}
}

const CALL_TYPES: ReadonlySet<string> = new Set<CallEvent['type']>([
	'call.offered',
	'call.answered',
	'call.abandoned',
	'call.ended',
	'call.callback'
]);

/** The counting events among one call's `events` (events of other types are ignored). */
export function collectCall(events: readonly WallboardEvent[]): CallStamps {
	const call: CallStamps = {
		offered: null,
		answered: null,
		abandoned: null,
		ended: null,
		callback: null
	};
	for (const e of events) if (CALL_TYPES.has(e.type)) mergeCallEvent(call, e as CallEvent);
	return call;
}

/** A queue's service-level target, ms. */
export type TargetOf = (queue: string) => number;

/** The queue's own target when it has one, the default target otherwise. */
export function createTargetOf(
	config: Pick<MetricsConfig, 'serviceLevelTargetMs' | 'serviceLevelTargetByQueueMs'>
): TargetOf {
	const byQueue = new Map(Object.entries(config.serviceLevelTargetByQueueMs));
	const fallback = config.serviceLevelTargetMs;
	return (queue) => byQueue.get(queue) ?? fallback;
}

/** What a call counts as; each count lands at its own instant (business day, slot, minute). */
export type CallOutcome = {
	/** The earliest `call.offered`'s queue. */
	queue: string;
	offeredAt: number;
	/** The earliest `call.answered`; null when not answered. */
	answeredAt: number | null;
	/** The earliest `call.abandoned`; null when not abandoned, and when answered (answered wins). */
	abandonedAt: number | null;
	/** When the call stopped waiting (answered or abandoned); null while it waits. */
	stoppedAt: number | null;
	/**
	 * answered − offered within [0, MAX_CALL_DURATION_MS]; 0 when not answered. Integer ms, so
	 * sums retract exactly.
	 */
	waitMs: number;
	/** Answered with waitMs <= the queue's target. */
	withinTarget: boolean;
};

/** A call's outcome; null while its `call.offered` is unknown (no offered, no count). */
export function callOutcome(call: CallStamps, targetOf: TargetOf): CallOutcome | null {
	const offered = call.offered;
	if (offered === null) return null;
	const answeredAt = call.answered?.at ?? null;
	const abandonedAt = answeredAt === null ? (call.abandoned?.at ?? null) : null;
	const waitMs = answeredAt === null ? 0 : bounded(answeredAt - offered.at);
	return {
		queue: offered.queue,
		offeredAt: offered.at,
		answeredAt,
		abandonedAt,
		stoppedAt: answeredAt ?? abandonedAt,
		waitMs,
		withinTarget: answeredAt !== null && waitMs <= targetOf(offered.queue)
	};
}

/** Offered and neither answered nor abandoned. */
export function isWaiting(c: CallOutcome | null): boolean {
	return c !== null && c.stoppedAt === null;
}

/**
 * The talk of an offered, answered and ended call: the earliest `call.ended` and
 * ended − answered within [0, MAX_CALL_DURATION_MS]; null otherwise.
 */
export function callTalk(call: CallStamps): { endedAt: number; talkMs: number } | null {
	const { offered, answered, ended } = call;
	if (offered === null || answered === null || ended === null) return null;
	return { endedAt: ended.at, talkMs: bounded(ended.at - answered.at) };
}

/**
 * What a call counts as for callbacks (contract v1.1 §7), null while its `call.offered` is
 * unknown. `awaitingSince` is the abandoned.at of a call abandoned as counted in abandoned24h
 * (offered, abandoned, not answered) that has no `call.callback` at all; `calledBackAt` is its
 * earliest `call.callback`.
 */
export type CallbackOutcome = {
	queue: string;
	awaitingSince: number | null;
	calledBackAt: number | null;
};

export function callbackOutcome(
	call: CallStamps,
	outcome: CallOutcome | null
): CallbackOutcome | null {
	if (outcome === null) return null;
	const calledBackAt = call.callback?.at ?? null;
	const awaitingSince = calledBackAt === null ? outcome.abandonedAt : null;
	if (awaitingSince === null && calledBackAt === null) return null;
	return { queue: outcome.queue, awaitingSince, calledBackAt };
}

// ---------------------------------------------------------------------------------------------
// Tickets

export type TicketEvent = TicketCreated | TicketDispatched | TicketFeedback;
/** Only what the figures need: summary, callerName and callerPhone (PII) are never kept. */
export type CreatedStamp = Stamp & {
	category: Category;
	kind: TicketKind;
	district: string;
	/** 街道 / 乡镇 and 诉求主题 of the earliest created; null when it names none. */
	street: string | null;
	topic: string | null;
};
export type DispatchedStamp = Stamp & { department: string };
export type FeedbackStamp = Stamp & { outcome: FeedbackOutcome };
export type SurveyStamp = Stamp & { responded: boolean; resolved: boolean; satisfied: boolean };

/** The events of one ticket that count: the earliest created and dispatched, the latest feedback. */
export type TicketStamps = {
	created: CreatedStamp | null;
	dispatched: DispatchedStamp | null;
	feedback: FeedbackStamp | null;
};

/** Folds `e` into `ticket`; true when `ticket` changed. */
export function mergeTicketEvent(ticket: TicketStamps, e: TicketEvent): boolean {
	switch (e.type) {
		case 'ticket.created':
			if (!replacesEarliest(ticket.created, e)) return false;
			ticket.created = {
				at: e.at,
				id: e.id,
				category: e.category,
				kind: e.kind,
				district: e.district,
				street: e.street ?? null,
				topic: e.topic ?? null
			};
			return true;
		case 'ticket.dispatched':
			if (!replacesEarliest(ticket.dispatched, e)) return false;
			ticket.dispatched = { at: e.at, id: e.id, department: e.department };
			return true;
		case 'ticket.feedback':
			if (!replacesLatest(ticket.feedback, e)) return false;
			ticket.feedback = { at: e.at, id: e.id, outcome: e.outcome };
			return true;
		default:
			return false;
	}
}

const TICKET_TYPES: ReadonlySet<string> = new Set<TicketEvent['type']>([
	'ticket.created',
	'ticket.dispatched',
	'ticket.feedback'
]);

/** The latest `ticket.survey` wins: a re-survey replaces the earlier one. */
export function surveyReplaces(current: SurveyStamp | null | undefined, e: TicketSurvey): boolean {
	return replacesLatest(current, e);
}

export function surveyStamp(e: TicketSurvey): SurveyStamp {
	const { at, id, responded, resolved, satisfied } = e;
	return { at, id, responded, resolved, satisfied };
}

/** The counting events among one ticket's `events` (events of other types are ignored). */
export function collectTicket(
	events: readonly WallboardEvent[]
): TicketStamps & { survey: SurveyStamp | null } {
	const ticket: TicketStamps = { created: null, dispatched: null, feedback: null };
	let survey: SurveyStamp | null = null;
	for (const e of events) {
		if (e.type === 'ticket.survey') {
			if (surveyReplaces(survey, e)) survey = surveyStamp(e);
		} else if (TICKET_TYPES.has(e.type)) mergeTicketEvent(ticket, e as TicketEvent);
	}
	return { ...ticket, survey };
}

export type DispatchDeadlines = MetricsConfig['dispatchDeadlineMs'];

/** Dispatch deadline = `ticket.created.at` + the category's duration (contract §2). */
export function dispatchDeadlineAt(
	createdAt: number,
	category: Category,
	deadlines: DispatchDeadlines
): number {
	return createdAt + deadlines[category];
}

/** Dispatched on time: at or before the deadline. */
export function dispatchedOnTime(dispatchedAt: number, deadlineAt: number): boolean {
	return dispatchedAt <= deadlineAt;
}

/** A pending ticket is overdue at `now` once its deadline has passed (not at the deadline). */
export function isOverdue(deadlineAt: number, now: number): boolean {
	return deadlineAt < now;
}

/** What a ticket counts as. */
export type TicketOutcome = {
	ticketId: string;
	category: Category;
	kind: TicketKind;
	district: string;
	/** The earliest `ticket.created`'s street and topic (contract v1.1 §6); null when absent. */
	street: string | null;
	topic: string | null;
	createdAt: number;
	deadlineAt: number;
	/** The earliest `ticket.dispatched`; null while pending. */
	dispatchedAt: number | null;
	/** null while pending. */
	dispatchedOnTime: boolean | null;
	/** The earliest dispatch's department; null while pending. */
	department: string | null;
};

/** A ticket's outcome; null while its `ticket.created` is unknown (no created, no count). */
export function ticketOutcome(
	ticketId: string,
	ticket: TicketStamps,
	deadlines: DispatchDeadlines
): TicketOutcome | null {
	const { created, dispatched } = ticket;
	if (created === null) return null;
	const deadlineAt = dispatchDeadlineAt(created.at, created.category, deadlines);
	return {
		ticketId,
		category: created.category,
		kind: created.kind,
		district: created.district,
		street: created.street,
		topic: created.topic,
		createdAt: created.at,
		deadlineAt,
		dispatchedAt: dispatched?.at ?? null,
		dispatchedOnTime: dispatched === null ? null : dispatchedOnTime(dispatched.at, deadlineAt),
		department: dispatched?.department ?? null
	};
}

// ---------------------------------------------------------------------------------------------
// Agents

const ON_DUTY: ReadonlySet<AgentState> = new Set<AgentState>(['available', 'busy', 'wrapup']);

/** On duty (contract v1.1 §7, `agentsOnDuty`): the latest state is available, busy or wrapup. */
export function isOnDuty(state: AgentState): boolean {
	return ON_DUTY.has(state);
}
