/**
 * People's accounts: the first admin, creation, listing, disabling (never the last active
 * admin), password resets and changes. Passwords are stored as argon2id hashes only.
 */
import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { StoreDatabase } from '../db/drizzle-store';
import { sessions, users } from '../db/auth-schema';
import type { Principal, UserRole } from '../auth/roles';
import { isUserRole } from '../auth/roles';
import {
	AccountError,
	parseInput,
	userRoleSchema,
	validatePassword,
	validateUsername
} from './inputs';

/** How long "is there any account?" is cached while the answer is no (other instances). */
const NO_ACCOUNT_RECHECK_MS = 2000;

export type UserView = {
	id: string;
	username: string;
	role: UserRole;
	createdAt: string;
	disabled: boolean;
	lockedUntil: string | null;
	/** The queue (team) the person leads; /supervisor opens on it. Null: the whole hall. */
	team: string | null;
};

/** A team is a queue id as events name it: 1–64 characters, no control characters. */
const TEAM_MAX = 64;
export function parseTeam(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string') throw new AccountError('team: must be text');
	const team = value.trim();
	if (team === '' || team === '-') return null;
	if (team.length > TEAM_MAX) throw new AccountError(`team: at most ${TEAM_MAX} characters`);
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(team)) throw new AccountError('team: no control characters');
	return team;
}

export function hashPassword(password: string): Promise<string> {
	// @node-rs/argon2 defaults: argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's recommendation).
	return hash(password);
}

/**
 * Refuses when `userId` is an admin and no other active admin exists. Inside a transaction the
 * active admins' rows are locked (in id order) until it ends, so two concurrent checks cannot
 * both pass before either writes. `change` says what was refused (disable, demote, delete).
 */
async function assertAnotherAdmin(
	q: StoreDatabase,
	userId: string,
	change: 'disable' | 'demote' | 'delete' = 'disable'
) {
	const [target] = await q.select({ role: users.role }).from(users).where(eq(users.id, userId));
	if (!target || target.role !== 'admin') return;
	const active = await q
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
		.orderBy(asc(users.id))
		.for('update');
	if (active.length <= 1) {
		const verb = { disable: 'disabled', demote: 'given another role', delete: 'deleted' }[change];
		throw new AccountError(`the last active admin cannot be ${verb}`, 400, `lastAdmin.${change}`);
	}
}

export function createUsers(db: StoreDatabase, now: () => number) {
	let anyUserCache: { value: boolean; at: number } | undefined;

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
		if (inserted.length === 0) {
			throw new AccountError(`username: "${username}" is taken`, 409, 'usernameTaken', {
				username
			});
		}
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
				row.lockedUntil && row.lockedUntil.getTime() > now() ? row.lockedUntil.toISOString() : null,
			team: row.team ?? null
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
			const role = parseInput(userRoleSchema, input.role);
			const id = await insertUser(username, role, validatePassword(input.password));
			const [row] = await db.select().from(users).where(eq(users.id, id));
			return userView(row!);
		},

		async listUsers(): Promise<UserView[]> {
			const rows = await db.select().from(users).orderBy(asc(users.username));
			return rows.map(userView);
		},

		/**
		 * Disabling ends the user's sessions (their sockets are cut by the sweep within 5 s). The
		 * last-admin check and the write are one transaction: two admins disabling each other at
		 * once leave one of them active.
		 */
		async setUserDisabled(userId: string, disabled: boolean, actingUserId: string) {
			if (userId === actingUserId && disabled) {
				throw new AccountError('you cannot disable your own account', 400, 'ownAccount.disable');
			}
			await db.transaction(async (tx) => {
				if (disabled) await assertAnotherAdmin(tx, userId);
				const updated = await tx
					.update(users)
					.set({
						disabledAt: disabled ? new Date(now()) : null,
						failedLogins: 0,
						lockedUntil: null
					})
					.where(eq(users.id, userId))
					.returning({ id: users.id });
				if (updated.length === 0) throw new AccountError('no such user', 404, 'noSuchUser');
				if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
			});
		},

		/**
		 * Gives the user another role. Taking admin away from the last active admin is refused, in
		 * the same transaction as the write (as in `setUserDisabled`); nobody changes their own
		 * role. The user's sessions stay: every request reads the role afresh. Returns the role
		 * before and after.
		 */
		async setUserRole(
			userId: string,
			roleInput: unknown,
			actingUserId: string
		): Promise<{ username: string; from: UserRole; to: UserRole }> {
			const role = parseInput(userRoleSchema, roleInput);
			if (userId === actingUserId) {
				throw new AccountError('you cannot change your own role', 400, 'ownAccount.role');
			}
			return db.transaction(async (tx) => {
				const [row] = await tx.select().from(users).where(eq(users.id, userId));
				if (!row) throw new AccountError('no such user', 404, 'noSuchUser');
				const from = isUserRole(row.role) ? row.role : 'supervisor';
				if (from === 'admin' && role !== 'admin') await assertAnotherAdmin(tx, userId, 'demote');
				await tx.update(users).set({ role }).where(eq(users.id, userId));
				return { username: row.username, from, to: role };
			});
		},

		/**
		 * Deletes the account and its sessions. Never the last active admin (same transaction as
		 * the delete), never one's own account. Returns the deleted user's name and role.
		 */
		async deleteUser(
			userId: string,
			actingUserId: string
		): Promise<{ username: string; role: UserRole }> {
			if (userId === actingUserId) {
				throw new AccountError('you cannot delete your own account', 400, 'ownAccount.delete');
			}
			return db.transaction(async (tx) => {
				const [row] = await tx.select().from(users).where(eq(users.id, userId));
				if (!row) throw new AccountError('no such user', 404, 'noSuchUser');
				if (!row.disabledAt) await assertAnotherAdmin(tx, userId, 'delete');
				await tx.delete(sessions).where(eq(sessions.userId, userId));
				await tx.delete(users).where(eq(users.id, userId));
				return { username: row.username, role: isUserRole(row.role) ? row.role : 'supervisor' };
			});
		},

		/** The user's view, or null (the audit log names users by their username). */
		async getUser(userId: string): Promise<UserView | null> {
			const [row] = await db.select().from(users).where(eq(users.id, userId));
			return row ? userView(row) : null;
		},

		/**
		 * Refuses to disable the last active admin (nobody could administer the system). On its
		 * own this only reports; `setUserDisabled` makes the same check in its transaction.
		 */
		async requireAnotherAdmin(userId: string) {
			await assertAnotherAdmin(db, userId);
		},

		/** Sets (or, with '' / '-' / null, clears) the queue a person leads; returns it. */
		async setUserTeam(userId: string, team: unknown): Promise<string | null> {
			const value = parseTeam(team);
			const updated = await db
				.update(users)
				.set({ team: value })
				.where(eq(users.id, userId))
				.returning({ id: users.id });
			if (updated.length === 0) throw new AccountError('no such user', 404);
			return value;
		},

		/** The queue a person leads, or null. */
		async teamOf(userId: string): Promise<string | null> {
			const [row] = await db.select({ team: users.team }).from(users).where(eq(users.id, userId));
			return row?.team ?? null;
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
			if (updated.length === 0) throw new AccountError('no such user', 404, 'noSuchUser');
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
				throw new AccountError('current password: does not match', 400, 'currentPassword');
			}
			const passwordHash = await hashPassword(validatePassword(next));
			await db
				.update(users)
				.set({ passwordHash, passwordChangedAt: new Date(now()) })
				.where(eq(users.id, row.id));
			await db
				.delete(sessions)
				.where(and(eq(sessions.userId, row.id), sql`${sessions.id} <> ${principal.sessionId}`));
		}
	};
}
