/**
 * Supervision over the live socket (an addition to the contract): what a supervisor's tablet
 * asks to watch, the detail pushed only to the sockets watching it, and the alerts every screen
 * receives. Personal data in here is always masked (`callerMasked`); displays get alerts only.
 */
import { z } from 'zod';
import { AGENT_STATES, type AgentState, type Category, type TicketKind } from './events';

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
	})
]);
export type WatchRequest = z.infer<typeof watchRequestSchema>;
export type WatchKind = WatchRequest['kind'];

/** `unwatch` payloads: stop one kind of detail. */
export const unwatchRequestSchema = z.strictObject({
	kind: z.enum(['queue', 'tickets', 'agents'])
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
	since: string;
	stateSinceSeconds: number;
};

export type QueueDetail = { queue: string; calls: WaitingCall[]; agents: AgentRow[] };

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
};

export type DetailMessage =
	| { kind: 'queue'; watch: WatchRequest; at: string; detail: QueueDetail }
	| { kind: 'tickets'; watch: WatchRequest; at: string; detail: TicketBoard }
	| {
			kind: 'agents';
			watch: WatchRequest;
			at: string;
			detail: { agents: AgentRow[]; teams: string[] };
	  };

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
};
