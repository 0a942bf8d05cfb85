/**
 * Accounts, sessions, displays and ingest sources on the database. The one gateway for every
 * credential: passwords (argon2id), session tokens, display credentials, enrolment codes and
 * source tokens are checked here and stored hashed.
 */
import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { StoreDatabase } from '../db/drizzle-store';
import { displays, ingestSources, sessions, users } from '../db/auth-schema';
import type { Principal, UserRole } from './roles';
import { isUserRole } from './roles';
import { newEnrolCode, newSigningSecret, newToken, normaliseEnrolCode, sha256Hex } from './secrets';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/** Consecutive failures that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** A session never lives longer than this, however active. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600_000;
/** lastSeenAt (and the sliding expiry) is written at most this often per session. */
const SESSION_TOUCH_MS = 60_000;
export const ENROL_CODE_TTL_MS = 15 * 60_000;
/** The boards a display can show. `hall`: the whole-hall wallboard (/wall). */
export const BOARDS = ['hall'] as const;
export type Board = (typeof BOARDS)[number];
/** How long "is there any account?" is cached while the answer is no (other instances). */
const NO_ACCOUNT_RECHECK_MS = 2000;

/** A refusal the person can act on; the message is shown as it is. */
export class AccountError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 404 | 409 = 400
	) {
		super(message);
		this.name = 'AccountError';
	}
}

export type UserView = {
	id: string;
	username: string;
	role: UserRole;
	createdAt: string;
	disabled: boolean;
	lockedUntil: string | null;
};

export type DisplayView = {
	id: string;
	name: string;
	board: string;
	createdAt: string;
	createdBy: string;
	status: 'awaiting-enrolment' | 'code-expired' | 'enrolled' | 'revoked';
	enrolExpiresAt: string | null;
	enrolledAt: string | null;
	lastSeenAt: string | null;
};

export type SourceView = {
	id: string;
	name: string;
	createdAt: string;
	createdBy: string;
	revoked: boolean;
	lastUsedAt: string | null;
	signing: 'off' | 'optional' | 'required';
	secrets: number;
};

/** What the ingest route needs to authenticate a source. */
export type SourceCredential = {
	id: string;
	name: string;
	secrets: string[];
	requireSignature: boolean;
};

export type SignInResult =
	| { ok: true; token: string; expiresAt: number; principal: Principal }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; lockedUntil: number };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function validatePassword(password: unknown): string {
	if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
		throw new AccountError(`password: must be at least ${PASSWORD_MIN_LENGTH} characters`);
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		throw new AccountError(`password: must be at most ${PASSWORD_MAX_LENGTH} characters`);
	}
	return password;
}

export function validateUsername(username: unknown): string {
	const name = typeof username === 'string' ? username.trim().toLowerCase() : '';
	if (!USERNAME_PATTERN.test(name)) {
		throw new AccountError(
			'username: 2–32 lower-case letters, digits or . _ - , starting with a letter or digit'
		);
	}
	return name;
}

export function hashPassword(password: string): Promise<string> {
	// @node-rs/argon2 defaults: argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's recommendation).
	return hash(password);
}

export type Accounts = ReturnType<typeof createAccounts>;

export function createAccounts(db: StoreDatabase, now: () => number = Date.now) {
	let anyUserCache: { value: boolean; at: number } | undefined;
	// Verified against when the name is unknown, so a wrong name costs as much as a wrong password.
	const dummyHash = hashPassword(newToken());
	const sourceCache = new Map<string, { value: SourceCredential | null; at: number }>();
	const sourceTouched = new Map<string, number>();

	async function hasAnyUser(): Promise<boolean> {
		const t = now();
		if (anyUserCache && (anyUserCache.value || t - anyUserCache.at < NO_ACCOUNT_RECHECK_MS)) {
			return anyUserCache.value;
		}
		const [row] = await db.select({ n: count() }).from(users);
		anyUserCache = { value: (row?.n ?? 0) > 0, at: t };
		return anyUserCache.value;
	}

	async function insertUser(username: string, role: UserRole, password: string) {
		const at = new Date(now());
		const id = randomUUID();
		const inserted = await db
			.insert(users)
			.values({
				id,
				username,
				role,
				passwordHash: await hashPassword(password),
				createdAt: at,
				passwordChangedAt: at
			})
			.onConflictDoNothing({ target: users.username })
			.returning({ id: users.id });
		if (inserted.length === 0) throw new AccountError(`username: "${username}" is taken`, 409);
		anyUserCache = { value: true, at: now() };
		return id;
	}

	function userView(row: typeof users.$inferSelect): UserView {
		return {
			id: row.id,
			username: row.username,
			role: isUserRole(row.role) ? row.role : 'supervisor',
			createdAt: row.createdAt.toISOString(),
			disabled: row.disabledAt !== null,
			lockedUntil:
				row.lockedUntil && row.lockedUntil.getTime() > now() ? row.lockedUntil.toISOString() : null
		};
	}

	function displayView(row: typeof displays.$inferSelect): DisplayView {
		const t = now();
		const status: DisplayView['status'] = row.revokedAt
			? 'revoked'
			: row.credentialHash
				? 'enrolled'
				: row.enrolExpiresAt && row.enrolExpiresAt.getTime() > t
					? 'awaiting-enrolment'
					: 'code-expired';
		return {
			id: row.id,
			name: row.name,
			board: row.board,
			createdAt: row.createdAt.toISOString(),
			createdBy: row.createdBy,
			status,
			enrolExpiresAt: status === 'awaiting-enrolment' ? iso(row.enrolExpiresAt) : null,
			enrolledAt: iso(row.enrolledAt),
			lastSeenAt: iso(row.lastSeenAt)
		};
	}

	return {
		hasAnyUser,

		/**
		 * At a start with ADMIN_PASSWORD set: creates the first admin when no account exists yet.
		 * Never changes an existing account.
		 */
		async ensureFirstAdmin(
			username: string,
			password: string
		): Promise<'created' | 'accounts-exist'> {
			if (await hasAnyUser()) return 'accounts-exist';
			try {
				await insertUser(validateUsername(username), 'admin', validatePassword(password));
				return 'created';
			} catch (err) {
				if (err instanceof AccountError && err.status === 409) return 'accounts-exist';
				throw err;
			}
		},

		async createUser(input: { username: unknown; role: unknown; password: unknown }) {
			const username = validateUsername(input.username);
			if (!isUserRole(input.role)) {
				throw new AccountError('role: must be admin, manager or supervisor');
			}
			const id = await insertUser(username, input.role, validatePassword(input.password));
			const [row] = await db.select().from(users).where(eq(users.id, id));
			return userView(row!);
		},

		async listUsers(): Promise<UserView[]> {
			const rows = await db.select().from(users).orderBy(asc(users.username));
			return rows.map(userView);
		},

		/** Disabling ends the user's sessions (their sockets are cut by the sweep within 5 s). */
		async setUserDisabled(userId: string, disabled: boolean, actingUserId: string) {
			if (userId === actingUserId && disabled) {
				throw new AccountError('you cannot disable your own account');
			}
			if (disabled) await this.requireAnotherAdmin(userId);
			const updated = await db
				.update(users)
				.set({ disabledAt: disabled ? new Date(now()) : null, failedLogins: 0, lockedUntil: null })
				.where(eq(users.id, userId))
				.returning({ id: users.id });
			if (updated.length === 0) throw new AccountError('no such user', 404);
			if (disabled) await db.delete(sessions).where(eq(sessions.userId, userId));
		},

		/** Refuses to disable the last active admin (nobody could administer the system). */
		async requireAnotherAdmin(userId: string) {
			const [target] = await db.select().from(users).where(eq(users.id, userId));
			if (!target || target.role !== 'admin') return;
			const [row] = await db
				.select({ n: count() })
				.from(users)
				.where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
			if ((row?.n ?? 0) <= 1) throw new AccountError('the last active admin cannot be disabled');
		},

		/** An admin sets a new password: ends the user's sessions and clears a lock-out. */
		async resetPassword(userId: string, password: unknown) {
			const passwordHash = await hashPassword(validatePassword(password));
			const updated = await db
				.update(users)
				.set({
					passwordHash,
					passwordChangedAt: new Date(now()),
					failedLogins: 0,
					lockedUntil: null
				})
				.where(eq(users.id, userId))
				.returning({ id: users.id });
			if (updated.length === 0) throw new AccountError('no such user', 404);
			await db.delete(sessions).where(eq(sessions.userId, userId));
		},

		/** A signed-in user changes their own password; their other sessions end. */
		async changeOwnPassword(
			principal: Extract<Principal, { kind: 'user' }>,
			current: unknown,
			next: unknown
		) {
			const [row] = await db.select().from(users).where(eq(users.id, principal.userId));
			if (!row || typeof current !== 'string' || !(await verify(row.passwordHash, current))) {
				throw new AccountError('current password: does not match');
			}
			const passwordHash = await hashPassword(validatePassword(next));
			await db
				.update(users)
				.set({ passwordHash, passwordChangedAt: new Date(now()) })
				.where(eq(users.id, row.id));
			await db
				.delete(sessions)
				.where(and(eq(sessions.userId, row.id), sql`${sessions.id} <> ${principal.sessionId}`));
		},

		async signIn(
			usernameInput: unknown,
			password: unknown,
			opts: { idleMs: number; userAgent?: string | null }
		): Promise<SignInResult> {
			const t = now();
			const username = typeof usernameInput === 'string' ? usernameInput.trim().toLowerCase() : '';
			const pw = typeof password === 'string' ? password.slice(0, PASSWORD_MAX_LENGTH) : '';
			const [row] = username
				? await db.select().from(users).where(eq(users.username, username))
				: [];
			if (!row || row.disabledAt) {
				await verify(await dummyHash, pw).catch(() => false);
				return { ok: false, reason: 'invalid' };
			}
			if (row.lockedUntil && row.lockedUntil.getTime() > t) {
				return { ok: false, reason: 'locked', lockedUntil: row.lockedUntil.getTime() };
			}
			const good = pw !== '' && (await verify(row.passwordHash, pw).catch(() => false));
			if (!good) {
				// Counted in the database, so every instance sees the same count.
				const [after] = await db
					.update(users)
					.set({ failedLogins: sql`${users.failedLogins} + 1` })
					.where(eq(users.id, row.id))
					.returning({ failed: users.failedLogins });
				if ((after?.failed ?? 0) >= LOCKOUT_THRESHOLD) {
					const lockedUntil = t + LOCKOUT_MS;
					await db
						.update(users)
						.set({ lockedUntil: new Date(lockedUntil), failedLogins: 0 })
						.where(eq(users.id, row.id));
					return { ok: false, reason: 'locked', lockedUntil };
				}
				return { ok: false, reason: 'invalid' };
			}
			await db
				.update(users)
				.set({ failedLogins: 0, lockedUntil: null })
				.where(eq(users.id, row.id));
			const token = newToken();
			const id = sha256Hex(token);
			const expiresAt = Math.min(t + opts.idleMs, t + SESSION_MAX_AGE_MS);
			await db.insert(sessions).values({
				id,
				userId: row.id,
				createdAt: new Date(t),
				lastSeenAt: new Date(t),
				expiresAt: new Date(expiresAt),
				userAgent: opts.userAgent?.slice(0, 300) ?? null
			});
			return {
				ok: true,
				token,
				expiresAt,
				principal: {
					kind: 'user',
					role: isUserRole(row.role) ? row.role : 'supervisor',
					userId: row.id,
					username: row.username,
					sessionId: id
				}
			};
		},

		/** The session's user, sliding its expiry; null when unknown, expired or disabled. */
		async sessionPrincipal(token: string, idleMs: number): Promise<Principal | null> {
			const id = sha256Hex(token);
			const t = now();
			const [row] = await db
				.select({ session: sessions, user: users })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date(t))));
			if (!row || row.user.disabledAt || !isUserRole(row.user.role)) return null;
			if (t - row.session.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
				const expiresAt = Math.min(
					t + idleMs,
					row.session.createdAt.getTime() + SESSION_MAX_AGE_MS
				);
				await db
					.update(sessions)
					.set({ lastSeenAt: new Date(t), expiresAt: new Date(expiresAt) })
					.where(eq(sessions.id, id));
			}
			return {
				kind: 'user',
				role: row.user.role,
				userId: row.user.id,
				username: row.user.username,
				sessionId: id
			};
		},

		async signOut(sessionId: string) {
			await db.delete(sessions).where(eq(sessions.id, sessionId));
		},

		/** Of these session ids, the ones still valid (for the socket sweep). */
		async validSessionIds(ids: readonly string[]): Promise<Set<string>> {
			if (ids.length === 0) return new Set();
			const rows = await db
				.select({ id: sessions.id })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(
					and(
						inArray(sessions.id, [...ids]),
						gt(sessions.expiresAt, new Date(now())),
						isNull(users.disabledAt)
					)
				);
			return new Set(rows.map((r) => r.id));
		},

		async deleteExpiredSessions() {
			await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${new Date(now())}`);
		},

		// ----- displays -----

		async createDisplay(input: { name: unknown; board: unknown }, createdBy: string) {
			const name = typeof input.name === 'string' ? input.name.trim() : '';
			if (name.length < 1 || name.length > 80) {
				throw new AccountError('name: 1–80 characters, e.g. "Hall left screen"');
			}
			const board = typeof input.board === 'string' && input.board ? input.board : 'hall';
			if (!(BOARDS as readonly string[]).includes(board)) {
				throw new AccountError(`board: must be one of ${BOARDS.join(', ')}`);
			}
			const id = randomUUID();
			await db.insert(displays).values({ id, name, board, createdAt: new Date(now()), createdBy });
			return { id, ...(await this.newEnrolmentCode(id)) };
		},

		/** A fresh one-time code (15 minutes); the display's current credential keeps working. */
		async newEnrolmentCode(displayId: string): Promise<{ code: string; expiresAt: number }> {
			const code = newEnrolCode();
			const expiresAt = now() + ENROL_CODE_TTL_MS;
			const updated = await db
				.update(displays)
				.set({ enrolCodeHash: sha256Hex(code), enrolExpiresAt: new Date(expiresAt) })
				.where(and(eq(displays.id, displayId), isNull(displays.revokedAt)))
				.returning({ id: displays.id });
			if (updated.length === 0) throw new AccountError('no such display (or it was revoked)', 404);
			return { code, expiresAt };
		},

		/**
		 * Exchanges a valid, unexpired, unused code for a new device credential (the code is spent
		 * in the same statement, so two screens cannot both use it).
		 */
		async enrol(codeInput: string): Promise<{ token: string; displayId: string } | null> {
			const code = normaliseEnrolCode(codeInput);
			if (code.length === 0 || code.length > 32) return null;
			const token = newToken();
			const t = new Date(now());
			const rows = await db
				.update(displays)
				.set({
					enrolCodeHash: null,
					enrolExpiresAt: null,
					credentialHash: sha256Hex(token),
					enrolledAt: t,
					lastSeenAt: t
				})
				.where(
					and(
						eq(displays.enrolCodeHash, sha256Hex(code)),
						gt(displays.enrolExpiresAt, t),
						isNull(displays.revokedAt)
					)
				)
				.returning({ id: displays.id });
			return rows[0] ? { token, displayId: rows[0].id } : null;
		},

		async displayPrincipal(token: string): Promise<Principal | null> {
			const [row] = await db
				.select()
				.from(displays)
				.where(and(eq(displays.credentialHash, sha256Hex(token)), isNull(displays.revokedAt)));
			if (!row) return null;
			return {
				kind: 'display',
				role: 'display',
				displayId: row.id,
				name: row.name,
				board: row.board
			};
		},

		/** Revoked for good: the credential is erased and no new code can be issued. */
		async revokeDisplay(displayId: string) {
			const updated = await db
				.update(displays)
				.set({
					revokedAt: new Date(now()),
					credentialHash: null,
					enrolCodeHash: null,
					enrolExpiresAt: null
				})
				.where(and(eq(displays.id, displayId), isNull(displays.revokedAt)))
				.returning({ id: displays.id });
			if (updated.length === 0) throw new AccountError('no such display, or already revoked', 404);
		},

		async listDisplays(): Promise<DisplayView[]> {
			const rows = await db.select().from(displays).orderBy(asc(displays.name));
			return rows.map(displayView);
		},

		/** Of these display ids, the ones not revoked. */
		async validDisplayIds(ids: readonly string[]): Promise<Set<string>> {
			if (ids.length === 0) return new Set();
			const rows = await db
				.select({ id: displays.id })
				.from(displays)
				.where(and(inArray(displays.id, [...ids]), isNull(displays.revokedAt)));
			return new Set(rows.map((r) => r.id));
		},

		async touchDisplays(ids: readonly string[]) {
			if (ids.length === 0) return;
			await db
				.update(displays)
				.set({ lastSeenAt: new Date(now()) })
				.where(inArray(displays.id, [...ids]));
		},

		// ----- ingest sources -----

		async createSource(input: { name: unknown; signing: unknown }, createdBy: string) {
			const name = typeof input.name === 'string' ? input.name.trim() : '';
			if (!/^[\p{L}\p{N} ._-]{1,64}$/u.test(name)) {
				throw new AccountError('name: 1–64 letters, digits, spaces or . _ -');
			}
			const signing =
				input.signing === 'required' || input.signing === 'optional' ? input.signing : 'off';
			const token = newToken();
			const secret = signing === 'off' ? null : newSigningSecret();
			const id = randomUUID();
			const inserted = await db
				.insert(ingestSources)
				.values({
					id,
					name,
					tokenHash: sha256Hex(token),
					createdAt: new Date(now()),
					createdBy,
					signingSecrets: secret ? [secret] : [],
					requireSignature: signing === 'required'
				})
				.onConflictDoNothing({ target: ingestSources.name })
				.returning({ id: ingestSources.id });
			if (inserted.length === 0) throw new AccountError(`name: a source "${name}" exists`, 409);
			return { id, token, secret };
		},

		async listSources(): Promise<SourceView[]> {
			const rows = await db.select().from(ingestSources).orderBy(asc(ingestSources.name));
			return rows.map((r) => ({
				id: r.id,
				name: r.name,
				createdAt: r.createdAt.toISOString(),
				createdBy: r.createdBy,
				revoked: r.revokedAt !== null,
				lastUsedAt: iso(r.lastUsedAt),
				signing: r.requireSignature ? 'required' : r.signingSecrets.length > 0 ? 'optional' : 'off',
				secrets: r.signingSecrets.length
			}));
		},

		async revokeSource(id: string) {
			const updated = await db
				.update(ingestSources)
				.set({ revokedAt: new Date(now()) })
				.where(and(eq(ingestSources.id, id), isNull(ingestSources.revokedAt)))
				.returning({ id: ingestSources.id });
			if (updated.length === 0) throw new AccountError('no such source, or already revoked', 404);
			sourceCache.clear();
		},

		/**
		 * Rotation: a new secret becomes the first; the previous one stays valid until
		 * `dropOldSecret`, so the sender can switch without a gap.
		 */
		async rotateSecret(id: string): Promise<string> {
			const [row] = await db
				.select()
				.from(ingestSources)
				.where(and(eq(ingestSources.id, id), isNull(ingestSources.revokedAt)));
			if (!row) throw new AccountError('no such source, or revoked', 404);
			const secret = newSigningSecret();
			await db
				.update(ingestSources)
				.set({ signingSecrets: [secret, ...row.signingSecrets.slice(0, 1)] })
				.where(eq(ingestSources.id, id));
			sourceCache.clear();
			return secret;
		},

		async dropOldSecret(id: string) {
			const [row] = await db.select().from(ingestSources).where(eq(ingestSources.id, id));
			if (!row) throw new AccountError('no such source', 404);
			await db
				.update(ingestSources)
				.set({ signingSecrets: row.signingSecrets.slice(0, 1) })
				.where(eq(ingestSources.id, id));
			sourceCache.clear();
		},

		async setSignatureRequired(id: string, required: boolean) {
			const [row] = await db.select().from(ingestSources).where(eq(ingestSources.id, id));
			if (!row) throw new AccountError('no such source', 404);
			if (required && row.signingSecrets.length === 0) {
				throw new AccountError('create a signing secret first (rotate)');
			}
			await db
				.update(ingestSources)
				.set({ requireSignature: required })
				.where(eq(ingestSources.id, id));
			sourceCache.clear();
		},

		/** The active source holding this bearer token (cached 2 s: ingest is hot). */
		async sourceByToken(token: string): Promise<SourceCredential | null> {
			const key = sha256Hex(token);
			const t = now();
			const cached = sourceCache.get(key);
			if (cached && t - cached.at < 2000) return cached.value;
			const [row] = await db
				.select()
				.from(ingestSources)
				.where(and(eq(ingestSources.tokenHash, key), isNull(ingestSources.revokedAt)));
			const value = row
				? {
						id: row.id,
						name: row.name,
						secrets: row.signingSecrets,
						requireSignature: row.requireSignature
					}
				: null;
			if (sourceCache.size > 1000) sourceCache.clear();
			sourceCache.set(key, { value, at: t });
			return value;
		},

		/** Active sources with signing secrets: a request that carries only a signature. */
		async signingSources(): Promise<SourceCredential[]> {
			const rows = await db.select().from(ingestSources).where(isNull(ingestSources.revokedAt));
			return rows
				.filter((r) => r.signingSecrets.length > 0)
				.map((r) => ({
					id: r.id,
					name: r.name,
					secrets: r.signingSecrets,
					requireSignature: r.requireSignature
				}));
		},

		/** Records last use, at most once a minute per source. */
		async touchSource(id: string) {
			const t = now();
			if (t - (sourceTouched.get(id) ?? 0) < 60_000) return;
			sourceTouched.set(id, t);
			await db
				.update(ingestSources)
				.set({ lastUsedAt: new Date(t) })
				.where(eq(ingestSources.id, id));
		}
	};
}
