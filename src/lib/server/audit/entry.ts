/**
 * The audit log's vocabulary: an entry as pages and exports read it, the actor a change is
 * recorded against, and the filters of the list. Pure: no I/O.
 */
import { z } from 'zod';
import type { Principal } from '../auth/roles';

/**
 * The actions recorded today, by area (the part before the dot). An action is any
 * `area.verb` string: a new feature records its own (e.g. `board.save`) without editing this
 * list; the list only orders the area filter of /admin/audit.
 */
export const AUDIT_AREAS = [
	'thresholds',
	'user',
	'display',
	'source',
	'board',
	'playlist',
	'screen'
] as const;

export const AUDIT_ACTION_PATTERN = /^[a-z][a-z-]*\.[a-z][a-z-]*$/;

/** Who made a change: a signed-in person, a screen (its own enrolment) or the server itself. */
export type AuditActor =
	| Principal
	| { kind: 'system'; name: string }
	/** Nobody known (e.g. a change while the installation had no accounts): stored as system. */
	| null
	| undefined;

export type AuditRecord = {
	actor: AuditActor;
	/** `area.verb`, lower case: `thresholds.set`, `user.role`, `display.revoke`. */
	action: string;
	/** What was changed, by the name people know it by: a username, a screen's name. */
	target: string;
	/** What changed: plain JSON, never a secret (token, code, password) and never citizens' PII. */
	detail?: Record<string, unknown>;
};

export type AuditEntry = {
	id: number;
	/** ISO-8601. */
	at: string;
	actorKind: 'user' | 'display' | 'system';
	actor: string;
	action: string;
	target: string;
	detail: Record<string, unknown>;
};

/** The stored actor of a record. */
export function actorOf(actor: AuditActor): {
	actorKind: AuditEntry['actorKind'];
	actorId: string | null;
	actor: string;
} {
	if (!actor) return { actorKind: 'system', actorId: null, actor: 'system' };
	switch (actor.kind) {
		case 'user':
			return { actorKind: 'user', actorId: actor.userId, actor: actor.username };
		case 'display':
			return { actorKind: 'display', actorId: actor.displayId, actor: actor.name };
		case 'reader':
			return { actorKind: 'system', actorId: null, actor: 'READ_TOKEN' };
		case 'system':
			return { actorKind: 'system', actorId: null, actor: actor.name };
	}
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const day = z.preprocess(
	blankToUndefined,
	z
		.string()
		.regex(DAY, { message: 'dateFormat' })
		.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'dateFormat' })
		.optional()
);
const text = (max: number) =>
	z.preprocess(
		blankToUndefined,
		z
			.string()
			.trim()
			.max(max, { message: 'tooLong' })
			.refine((s) => !s.includes('\u0000') && s.isWellFormed(), { message: 'badText' })
			.optional()
	);

/** The list's filters, from the query string of /admin/audit and its CSV export. */
export const auditFilterSchema = z
	.object({
		/** `user` matches `user.role`, `user.disable`, … */
		area: z.preprocess(
			blankToUndefined,
			z
				.string()
				.regex(/^[a-z][a-z-]*$/, { message: 'badArea' })
				.max(32)
				.optional()
		),
		/** The actor's name, exactly (case-insensitive). */
		actor: text(80),
		/** Part of the target's name (case-insensitive). */
		target: text(120),
		/** Business days (WALLBOARD_TIMEZONE), both included. */
		from: day,
		to: day,
		/** Entries older than this id (the next page). */
		before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional())
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'fromAfterTo', path: ['to'] });

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditFilterResult =
	{ ok: true; filter: AuditFilter } | { ok: false; errors: Array<{ field: string; code: string }> };

/** Reads the filters of a query string; errors name the field and a message code (i18n). */
export function parseAuditFilter(params: URLSearchParams): AuditFilterResult {
	const raw = Object.fromEntries(
		['area', 'actor', 'target', 'from', 'to', 'before'].map((k) => [k, params.get(k) ?? undefined])
	);
	const parsed = auditFilterSchema.safeParse(raw);
	if (parsed.success) return { ok: true, filter: parsed.data };
	return {
		ok: false,
		errors: parsed.error.issues.map((i) => ({
			field: String(i.path[0] ?? 'filter'),
			code: /^[a-zA-Z]+$/.test(i.message) ? i.message : 'invalid'
		}))
	};
}
