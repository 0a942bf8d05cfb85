/**
 * Signing in and the sessions it creates: lock-out after repeated failures — per account
 * (counted in the database), or, when the caller passes `lockout` (the sign-in page does), per
 * (username, client address) through a shared limiter, so that someone elsewhere cannot lock the
 * admin out by failing on purpose — sliding idle expiry with a hard maximum age, and the
 * checks the socket sweep makes. Only the sha-256 of a session token is stored.
 */
import { verify } from '@node-rs/argon2';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { StoreDatabase } from '../db/drizzle-store';
import { sessions, users } from '../db/auth-schema';
import type { Principal } from '../auth/roles';
import { isUserRole } from '../auth/roles';
import { newToken, sha256Hex } from '../auth/secrets';
import { typedPasswordSchema, typedUsernameSchema } from './inputs';
import { hashPassword } from './users';
import type { Limiter } from '../auth/rate-limit';

/** Consecutive failures that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** A session never lives longer than this, however active. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600_000;
/** lastSeenAt (and the sliding expiry) is written at most this often per session. */
const SESSION_TOUCH_MS = 60_000;

export type SignInResult =
	| { ok: true; token: string; expiresAt: number; principal: Principal }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; lockedUntil: number };

export function createSessions(db: StoreDatabase, now: () => number) {
	// Verified against when the name is unknown, so a wrong name costs as much as a wrong password.
	const dummyHash = hashPassword(newToken());

	return {
		async signIn(
			usernameInput: unknown,
			password: unknown,
			opts: {
				idleMs: number;
				userAgent?: string | null;
				/** Count failures under this key (username + client address) instead of the account. */
				lockout?: { limiter: Limiter; key: string };
			}
		): Promise<SignInResult> {
			const lockout = opts.lockout;
			const t = now();
			const username = typedUsernameSchema.parse(usernameInput);
			const pw = typedPasswordSchema.parse(password);
			const [row] = username
				? await db.select().from(users).where(eq(users.username, username))
				: [];
			if (!row || row.disabledAt) {
				await verify(await dummyHash, pw).catch(() => false);
				return { ok: false, reason: 'invalid' };
			}
			const lockedUntil = lockout
				? await lockout.limiter
						.blocked(lockout.key)
						.then((r) => (r.ok ? null : t + r.retryAfterSeconds * 1000))
				: row.lockedUntil && row.lockedUntil.getTime() > t
					? row.lockedUntil.getTime()
					: null;
			if (lockedUntil !== null) {
				// As slow as a wrong password: the sign-in page answers both alike.
				await verify(row.passwordHash, pw).catch(() => false);
				return { ok: false, reason: 'locked', lockedUntil };
			}
			const good = pw !== '' && (await verify(row.passwordHash, pw).catch(() => false));
			if (!good && lockout) {
				const r = await lockout.limiter.hit(lockout.key);
				return r.ok
					? { ok: false, reason: 'invalid' }
					: { ok: false, reason: 'locked', lockedUntil: t + r.retryAfterSeconds * 1000 };
			}
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
			if (lockout) await lockout.limiter.reset(lockout.key);
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
		}
	};
}
