/**
 * Supervision over the live socket (an addition to the contract): what a supervisor's tablet
 * asks to watch, the detail pushed only to the sockets watching it, and the alerts every screen
 * receives. Personal data in here is always masked (`callerMasked`); displays get alerts only.
 */
import { z } from 'zod';
import { AGENT_STATES, type AgentState, type Category, type TicketKind } from './events';
import type { TopicToday } from './snapshot';

const name = z.string().min(1).max(128);

/** `watch` payloads: the server derives the room from it; clients never name rooms. */
export const watchRequestSchema = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('queue'), queue: name }),
	z.strictObject({
		kind: z.literal('tickets'),
		district: name.optional(),
		department: z.string().min(1).max(256).optional()
	}),
	z.strictObject({
		kind: z.literal('agents'),
		team: name.optional(),
		state: z.enum(AGENT_STATES).optional()
	}),
	/** Abandoned calls awaiting a callback (contract v1.1 §7), optionally of one queue. */
	z.strictObject({ kind: z.literal('callbacks'), queue: name.optional() })
]);
export type WatchRequest = z.infer<typeof watchRequestSchema>;
export type WatchKind = WatchRequest['kind'];

/** `unwatch` payloads: stop one kind of detail. */
export const unwatchRequestSchema = z.strictObject({
	kind: z.enum(['queue', 'tickets', 'agents', 'callbacks'])
});
export type UnwatchRequest = z.infer<typeof unwatchRequestSchema>;

export const alertAckSchema = z.strictObject({ id: z.number().int().positive() });
export type AlertAckRequest = z.infer<typeof alertAckSchema>;

export type WaitingCall = {
	/** 1 = next to be answered. */
	position: number;
	callId: string;
	offeredAt: string;
	/** At the detail's `at`; screens tick it on from `offeredAt`. */
	waitingSeconds: number;
	/** '138****0000'; null when the source sent no caller. */
	callerMasked: string | null;
};

export type AgentRow = {
	agentId: string;
	name: string | null;
	team: string | null;
	state: AgentState;
	/** Why the agent is on break (e.g. Asterisk PAUSE's reason); null otherwise or unknown. */
	reason: string | null;
	since: string;
	stateSinceSeconds: number;
	/**
	 * Today's figures (business day up to the detail's `at`): calls handled (ended today),
	 * their mean talk time, and time on break (screens tick it on while on break).
	 */
	today?: AgentToday;
};

export type AgentToday = { handled: number; ahtSeconds: number | null; breakSeconds: number };

export type QueueDetail = { queue: string; calls: WaitingCall[]; agents: AgentRow[] };

/** An abandoned call awaiting a callback (contract v1.1 §7, as counted in abandonedAwaitingCallback). */
export type AwaitingCallbackCall = {
	callId: string;
	queue: string;
	abandonedAt: string;
	/** Whole seconds since the abandon at the detail's `at`; screens tick it on. */
	awaitingSeconds: number;
	callerMasked: string | null;
};

/** Oldest first; `calls` is cut at DETAIL_LIST_MAX, `count` is whole. */
export type CallbackList = {
	calls: AwaitingCallbackCall[];
	count: number;
	queues: string[];
	/** Of those, the calls abandoned within the last 15 minutes, newest first (cut likewise). */
	recent15m?: { calls: AwaitingCallbackCall[]; count: number };
};

export type PendingTicket = {
	ticketId: string;
	category: Category;
	kind: TicketKind;
	district: string;
	createdAt: string;
	deadlineAt: string;
	/** Whole seconds to the dispatch deadline at the detail's `at`; negative = overdue. */
	secondsLeft: number;
};

export type AwaitingFeedbackTicket = {
	ticketId: string;
	category: Category;
	kind: TicketKind;
	district: string;
	department: string;
	dispatchedAt: string;
	/** Dispatched by the dispatch deadline. */
	onTime: boolean;
};

export type TicketBoard = {
	/** Per category: pending (not overdue, nearest deadline first), overdue (most overdue first). */
	byCategory: Record<
		Category,
		{
			pending: PendingTicket[];
			overdue: PendingTicket[];
			awaitingFeedback: AwaitingFeedbackTicket[];
		}
	>;
	/** Filter choices: the districts and departments among the live tickets. */
	districts: string[];
	departments: string[];
	/** Lists are cut at this many entries each; the counts are whole. */
	counts: Record<Category, { pending: number; overdue: number; awaitingFeedback: number }>;
	/** Today's top topics of the filtered district (of the hall without one), as topicsToday. */
	topicsToday: TopicToday[];
};

export type DetailMessage =
	| { kind: 'queue'; watch: WatchRequest; at: string; detail: QueueDetail }
	| { kind: 'tickets'; watch: WatchRequest; at: string; detail: TicketBoard }
	| {
			kind: 'agents';
			watch: WatchRequest;
			at: string;
			detail: { agents: AgentRow[]; teams: string[] };
	  }
	| { kind: 'callbacks'; watch: WatchRequest; at: string; detail: CallbackList };

/** An answer to a bad `watch`, `unwatch` or `alert.ack`. */
export type SupervisionError = { event: string; error: string };

export type AlertLevel = 'warn' | 'bad';

export type Alert = {
	id: number;
	/** `<metric>:<queue or "all">`, e.g. `serviceLevelToday:all`, `longestWaitSeconds:elderly`. */
	key: string;
	metric: string;
	/** 'all' for the hall. */
	scope: string;
	level: AlertLevel;
	value: number;
	raisedAt: string;
	clearedAt: string | null;
	ackedAt: string | null;
	ackedBy: string | null;
	/**
	 * When the alert escalated: red and unacknowledged for ALERT_ESCALATE_MINUTES (to managers,
	 * louder on the wall). Absent or null: not escalated.
	 */
	escalatedAt?: string | null;
};

export type AlertList = { active: Alert[]; recent: Alert[] };

/** Ticket timeline (GET /api/v1/tickets/[ticketId]); PII masked, the summary only here. */
export type TimelineEntry =
	| {
			type: 'created';
			at: string;
			category: Category;
			kind: TicketKind;
			district: string;
			callerNameMasked: string | null;
			callerPhoneMasked: string | null;
			summary: string | null;
			deadlineAt: string;
	  }
	| {
			type: 'dispatched';
			at: string;
			department: string;
			onTime: boolean | null;
			deadlineAt: string | null;
	  }
	| {
			type: 'feedback';
			at: string;
			outcome: 'resolved' | 'unresolvable' | 'unreasonable';
			reason: string | null;
			legalBasis: string | null;
	  }
	| { type: 'survey'; at: string; responded: boolean; resolved: boolean; satisfied: boolean };

export type TicketTimeline = {
	ticketId: string;
	/** 'pending' | 'overdue' | 'dispatched' | 'closed' (feedback received). */
	status: 'pending' | 'overdue' | 'dispatched' | 'closed' | 'unknown';
	entries: TimelineEntry[];
	/** 催办: the hall urging the handling side on an overdue ticket, oldest first. */
	urges?: TicketUrge[];
};

/** One 催办 (POST /api/v1/tickets/{id}/urge): who, when, and the note they wrote. */
export type TicketUrge = { at: string; by: string; note: string };
