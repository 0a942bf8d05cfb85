/**
 * What the accounts accept from a form, a script or the sign-in page: zod schemas whose messages
 * name the field and say what is expected (shown to the admin as they are), and the refusal
 * (`AccountError`) they turn into.
 */
import { z } from 'zod';
import { USER_ROLES } from '../auth/roles';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/** The boards a display can show. `hall`: the whole-hall wallboard (/wall). */
export const BOARDS = ['hall'] as const;
export type Board = (typeof BOARDS)[number];
const SOURCE_NAME_PATTERN = /^[\p{L}\p{N} ._-]{1,64}$/u;

/**
 * A refusal the person can act on. `message` is English (scripts, logs, the API); `code` names
 * the message in the pages' catalogues (`adminErrors.<code>` in src/lib/client/messages), with
 * `params` for its placeholders, so the admin pages show it in the page's language.
 */
export class AccountError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 404 | 409 = 400,
		readonly code: string = codeOf(message),
		readonly params: Record<string, string | number> = {}
	) {
		super(message);
		this.name = 'AccountError';
	}
}

const PASSWORD_TOO_SHORT = `password: must be at least ${PASSWORD_MIN_LENGTH} characters`;
const PASSWORD_TOO_LONG = `password: must be at most ${PASSWORD_MAX_LENGTH} characters`;
const USERNAME_RULE =
	'username: 2–32 lower-case letters, digits or . _ - , starting with a letter or digit';
const ROLE_RULE = 'role: must be admin, manager or supervisor';

export const passwordSchema = z
	.string({ error: PASSWORD_TOO_SHORT })
	.min(PASSWORD_MIN_LENGTH, { error: PASSWORD_TOO_SHORT })
	.max(PASSWORD_MAX_LENGTH, { error: PASSWORD_TOO_LONG });

/** Trimmed and lower-cased before the pattern: `Ann ` signs up as `ann`. */
export const usernameSchema = z
	.string({ error: USERNAME_RULE })
	.trim()
	.toLowerCase()
	.regex(USERNAME_PATTERN, { error: USERNAME_RULE });

/** The roles a person can hold (not `display`, which only enrolment grants). */
export const userRoleSchema = z.enum(USER_ROLES, { error: ROLE_RULE });

const DISPLAY_NAME_RULE = 'name: 1–80 characters, e.g. "Hall left screen"';
export const displayNameSchema = z
	.string({ error: DISPLAY_NAME_RULE })
	.trim()
	.min(1, { error: DISPLAY_NAME_RULE })
	.max(80, { error: DISPLAY_NAME_RULE });

/** Absent or empty means the hall board. */
export const boardSchema = z
	.string()
	.min(1)
	.catch('hall')
	.pipe(z.enum(BOARDS, { error: `board: must be one of ${BOARDS.join(', ')}` }));

const SOURCE_NAME_RULE = 'name: 1–64 letters, digits, spaces or . _ -';
export const sourceNameSchema = z
	.string({ error: SOURCE_NAME_RULE })
	.trim()
	.regex(SOURCE_NAME_PATTERN, { error: SOURCE_NAME_RULE });

/** The schemas' messages by their catalogue code (AccountError.code). */
const RULE_CODES: Record<string, string> = {
	[PASSWORD_TOO_SHORT]: 'passwordTooShort',
	[PASSWORD_TOO_LONG]: 'passwordTooLong',
	[USERNAME_RULE]: 'usernameRule',
	[ROLE_RULE]: 'roleRule',
	[DISPLAY_NAME_RULE]: 'displayNameRule',
	[SOURCE_NAME_RULE]: 'sourceNameRule'
};

/** The catalogue code of a schema's message; `invalid` for any other. */
function codeOf(message: string): string {
	if (message.startsWith('board: ')) return 'boardRule';
	return RULE_CODES[message] ?? 'invalid';
}

/** Anything but `optional` or `required` means no signing. */
export const signingSchema = z.enum(['off', 'optional', 'required']).catch('off');

/** Sign-in takes whatever was typed: not a string is no name (or no password); a long one is cut. */
export const typedUsernameSchema = z.string().trim().toLowerCase().catch('');
export const typedPasswordSchema = z
	.string()
	.catch('')
	.transform((s) => s.slice(0, PASSWORD_MAX_LENGTH));

/** The value as the schema outputs it, or an AccountError carrying the first issue's message. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
	const result = schema.safeParse(value);
	if (!result.success) {
		throw new AccountError(result.error.issues[0]?.message ?? 'invalid input');
	}
	return result.data;
}

export function validatePassword(password: unknown): string {
	return parseInput(passwordSchema, password);
}

export function validateUsername(username: unknown): string {
	return parseInput(usernameSchema, username);
}
