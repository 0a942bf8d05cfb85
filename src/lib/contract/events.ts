/**
 * Ingest events (contract §2): zod schemas shared by the server and the browser, and the
 * normalised event type the rest of the code works with (`at` as epoch milliseconds).
 */
import { z } from 'zod';

export const AGENT_STATES = ['available', 'busy', 'wrapup', 'break', 'offline'] as const;
export const CATEGORIES = ['emergency', 'livelihood', 'general'] as const;
export const TICKET_KINDS = [
	'inquiry',
	'help',
	'complaint',
	'report',
	'suggestion',
	'praise'
] as const;
export const FEEDBACK_OUTCOMES = ['resolved', 'unresolvable', 'unreasonable'] as const;
export const EVENT_TYPES = [
	'call.offered',
	'call.answered',
	'call.abandoned',
	'call.ended',
	'call.callback',
	'agent.state',
	'ticket.created',
	'ticket.dispatched',
	'ticket.feedback',
	'ticket.survey'
] as const;

export type AgentState = (typeof AGENT_STATES)[number];
export type Category = (typeof CATEGORIES)[number];
export type TicketKind = (typeof TICKET_KINDS)[number];
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];
export type EventType = (typeof EVENT_TYPES)[number];

/** An event whose `at` lies further ahead of the server clock than this is rejected. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
/**
 * The earliest `at` accepted: 1990-01-01T00:00:00Z. Before it is a source's mistake (epoch
 * seconds sent as milliseconds give January 1970) that would otherwise stay on the wall as a wait
 * of decades and raise alerts. Not later: halls import call records of past decades (the
 * Anonymous Bank month of February 1999 is the README's worked example).
 */
export const MIN_AT_MS = Date.UTC(1990, 0, 1);
/** Largest epoch-millisecond value a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8.64e15;

const name = (max = 128) => z.string().min(1).max(max);

const at = z.union([
	z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset or Z' }),
	z
		.number()
		.finite()
		.min(0, 'epoch milliseconds must be >= 0')
		.max(MAX_EPOCH_MS, 'epoch milliseconds out of range')
]);

const common = {
	id: name(128),
	at
};

const callOffered = z.object({
	...common,
	type: z.literal('call.offered'),
	callId: name(),
	queue: name(),
	caller: z.string().max(256).optional()
});
const callAnswered = z.object({
	...common,
	type: z.literal('call.answered'),
	callId: name(),
	agentId: name()
});
const callAbandoned = z.object({ ...common, type: z.literal('call.abandoned'), callId: name() });
const callEnded = z.object({ ...common, type: z.literal('call.ended'), callId: name() });
/** docs/contract.md §6: the hall called back the caller of an abandoned call (回拨). */
const callCallback = z.object({
	...common,
	type: z.literal('call.callback'),
	callId: name(),
	agentId: name().optional()
});
const agentState = z.object({
	...common,
	type: z.literal('agent.state'),
	agentId: name(),
	state: z.enum(AGENT_STATES),
	name: z.string().max(128).optional(),
	team: z.string().max(128).optional(),
	/** Extension: why the agent is on break (Asterisk PAUSE's reason); meaningful with `break`. */
	reason: z.string().min(1).max(128).optional()
});
const ticketCreated = z.object({
	...common,
	type: z.literal('ticket.created'),
	ticketId: name(),
	category: z.enum(CATEGORIES),
	kind: z.enum(TICKET_KINDS),
	district: name(),
	/** docs/contract.md §6: 街道 / 乡镇 and 诉求主题; neither is personal data. */
	street: name(64).optional(),
	topic: name(64).optional(),
	callId: name().optional(),
	summary: z.string().max(10_000).optional(),
	callerName: z.string().max(256).optional(),
	callerPhone: z.string().max(64).optional()
});
const ticketDispatched = z.object({
	...common,
	type: z.literal('ticket.dispatched'),
	ticketId: name(),
	department: name(256)
});
const ticketFeedback = z
	.object({
		...common,
		type: z.literal('ticket.feedback'),
		ticketId: name(),
		outcome: z.enum(FEEDBACK_OUTCOMES),
		reason: z.string().max(10_000).optional(),
		legalBasis: z.string().max(10_000).optional()
	})
	.superRefine((e, ctx) => {
		if (e.outcome === 'unresolvable' && !e.reason?.trim()) {
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'required (non-empty) when outcome is "unresolvable"'
			});
		}
		if (e.outcome === 'unreasonable' && !e.legalBasis?.trim()) {
			ctx.addIssue({
				code: 'custom',
				path: ['legalBasis'],
				message: 'required (non-empty) when outcome is "unreasonable"'
			});
		}
	});
const ticketSurvey = z.object({
	...common,
	type: z.literal('ticket.survey'),
	ticketId: name(),
	responded: z.boolean(),
	resolved: z.boolean(),
	satisfied: z.boolean()
});

/** Schemas keyed by event type. Unknown fields are dropped. */
export const EVENT_SCHEMAS = {
	'call.offered': callOffered,
	'call.answered': callAnswered,
	'call.abandoned': callAbandoned,
	'call.ended': callEnded,
	'call.callback': callCallback,
	'agent.state': agentState,
	'ticket.created': ticketCreated,
	'ticket.dispatched': ticketDispatched,
	'ticket.feedback': ticketFeedback,
	'ticket.survey': ticketSurvey
} as const;

type Normalised<T> = Omit<T, 'at'> & { at: number };

export type CallOffered = Normalised<z.infer<typeof callOffered>>;
export type CallAnswered = Normalised<z.infer<typeof callAnswered>>;
export type CallAbandoned = Normalised<z.infer<typeof callAbandoned>>;
export type CallEnded = Normalised<z.infer<typeof callEnded>>;
export type CallCallback = Normalised<z.infer<typeof callCallback>>;
export type AgentStateEvent = Normalised<z.infer<typeof agentState>>;
export type TicketCreated = Normalised<z.infer<typeof ticketCreated>>;
export type TicketDispatched = Normalised<z.infer<typeof ticketDispatched>>;
export type TicketFeedback = Normalised<z.infer<typeof ticketFeedback>>;
export type TicketSurvey = Normalised<z.infer<typeof ticketSurvey>>;

/** A validated event; `at` is epoch milliseconds (UTC). */
export type WallboardEvent =
	| CallOffered
	| CallAnswered
	| CallAbandoned
	| CallEnded
	| CallCallback
	| AgentStateEvent
	| TicketCreated
	| TicketDispatched
	| TicketFeedback
	| TicketSurvey;

/** The same event as a source sends it (`at` may be an ISO string). */
export type WallboardEventInput = Omit<WallboardEvent, 'at'> & { at: string | number };

/** Fields that carry personal data and never leave the server towards displays. */
export const PII_FIELDS = ['caller', 'summary', 'callerName', 'callerPhone'] as const;

export type ParseResult =
	{ ok: true; event: WallboardEvent } | { ok: false; id: string | null; errors: string[] };

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
	return issues.map((issue) => {
		const path = issue.path.length ? issue.path.map(String).join('.') : '(event)';
		return `${path}: ${issue.message}`;
	});
}

/**
 * Validates one raw event against its type's schema and the clock: `now` is the server time
 * in epoch ms, used to reject events more than {@link MAX_FUTURE_SKEW_MS} in the future.
 */
export function parseEvent(raw: unknown, now: number): ParseResult {
	if (!isRecord(raw)) {
		return { ok: false, id: null, errors: ['(event): must be a JSON object'] };
	}
	const id = typeof raw.id === 'string' && raw.id.length > 0 ? raw.id.slice(0, 128) : null;
	const type = raw.type;
	// Own keys only: `in` would take "constructor" or "__proto__" for an event type.
	if (typeof type !== 'string' || !Object.hasOwn(EVENT_SCHEMAS, type)) {
		const errors = [`type: must be one of ${EVENT_TYPES.join(', ')}`];
		const idCheck = common.id.safeParse(raw.id);
		if (!idCheck.success) errors.unshift(...formatIssues(idCheck.error.issues).map(prefix('id')));
		return { ok: false, id, errors };
	}
	const unstorable = findUnstorableText(raw);
	if (unstorable.length > 0) return { ok: false, id, errors: unstorable };
	const result = EVENT_SCHEMAS[type as EventType].safeParse(raw);
	if (!result.success) return { ok: false, id, errors: formatIssues(result.error.issues) };
	const atMs = toEpochMs(result.data.at);
	if (!(atMs >= MIN_AT_MS)) {
		const shown = Number.isFinite(atMs) ? new Date(atMs).toISOString() : String(result.data.at);
		return {
			ok: false,
			id,
			errors: [
				`at: ${shown} is before ${new Date(MIN_AT_MS).toISOString()} (epoch milliseconds expected)`
			]
		};
	}
	if (atMs > now + MAX_FUTURE_SKEW_MS) {
		return {
			ok: false,
			id,
			errors: [
				`at: ${new Date(atMs).toISOString()} is more than 5 minutes ahead of the server clock (${new Date(now).toISOString()})`
			]
		};
	}
	return { ok: true, event: { ...result.data, at: atMs } as WallboardEvent };
}

/**
 * Text PostgreSQL cannot store (a NUL character, or half of a UTF-16 surrogate pair in JSON) is a
 * client error, refused here by field, rather than a database error later.
 */
function findUnstorableText(value: unknown, path = '', depth = 0): string[] {
	if (typeof value === 'string') {
		if (value.includes('\u0000')) return [`${path || '(event)'}: must not contain NUL characters`];
		if (!value.isWellFormed())
			return [`${path || '(event)'}: contains an unpaired UTF-16 surrogate`];
		return [];
	}
	if (typeof value !== 'object' || value === null) return [];
	if (depth > 16) return [`${path}: nested too deeply`];
	const errors: string[] = [];
	for (const [key, v] of Object.entries(value)) {
		const here = path ? `${path}.${key}` : key;
		if (key.includes('\u0000') || !key.isWellFormed())
			errors.push(`${here}: field name cannot be stored`);
		errors.push(...findUnstorableText(v, here, depth + 1));
	}
	return errors;
}

function prefix(field: string) {
	return (msg: string) => (msg.startsWith('(event)') ? msg.replace('(event)', field) : msg);
}

/** ISO-8601 string or epoch milliseconds → integer epoch milliseconds. */
export function toEpochMs(at: string | number): number {
	return typeof at === 'number' ? Math.floor(at) : Date.parse(at);
}
