/**
 * Wall displays: created by an admin with a one-time enrolment code (15 minutes), exchanged once
 * for a device credential, revoked for good. Codes and credentials are stored as sha-256 only.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { StoreDatabase } from '../db/drizzle-store';
import { displays } from '../db/auth-schema';
import type { Principal } from '../auth/roles';
import { newEnrolCode, newToken, normaliseEnrolCode, sha256Hex } from '../auth/secrets';
import { AccountError, boardSchema, displayNameSchema, parseInput } from './inputs';

export const ENROL_CODE_TTL_MS = 15 * 60_000;

export type DisplayView = {
	id: string;
	name: string;
	/** The board it was created with; what it shows now is the boards feature's (boards/). */
	board: string | null;
	createdAt: string;
	createdBy: string;
	status: 'awaiting-enrolment' | 'code-expired' | 'enrolled' | 'revoked';
	enrolExpiresAt: string | null;
	enrolledAt: string | null;
	lastSeenAt: string | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function createDisplays(db: StoreDatabase, now: () => number) {
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

	/** A fresh one-time code (15 minutes); the display's current credential keeps working. */
	async function newEnrolmentCode(displayId: string): Promise<{ code: string; expiresAt: number }> {
		const code = newEnrolCode();
		const expiresAt = now() + ENROL_CODE_TTL_MS;
		const updated = await db
			.update(displays)
			.set({ enrolCodeHash: sha256Hex(code), enrolExpiresAt: new Date(expiresAt) })
			.where(and(eq(displays.id, displayId), isNull(displays.revokedAt)))
			.returning({ id: displays.id });
		if (updated.length === 0)
			throw new AccountError('no such display (or it was revoked)', 404, 'noSuchDisplay');
		return { code, expiresAt };
	}

	return {
		newEnrolmentCode,

		async createDisplay(input: { name: unknown; board: unknown }, createdBy: string) {
			const name = parseInput(displayNameSchema, input.name);
			const board = parseInput(boardSchema, input.board);
			const id = randomUUID();
			await db.insert(displays).values({ id, name, board, createdAt: new Date(now()), createdBy });
			return { id, ...(await newEnrolmentCode(id)) };
		},

		/**
		 * Exchanges a valid, unexpired, unused code for a new device credential (the code is spent
		 * in the same statement, so two screens cannot both use it).
		 */
		async enrol(
			codeInput: string
		): Promise<{ token: string; displayId: string; name: string } | null> {
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
				.returning({ id: displays.id, name: displays.name });
			return rows[0] ? { token, displayId: rows[0].id, name: rows[0].name } : null;
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
				board: row.board ?? 'hall'
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
			if (updated.length === 0)
				throw new AccountError('no such display, or already revoked', 404, 'noSuchDisplay');
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
		}
	};
}
