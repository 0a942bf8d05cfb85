/**
 * Ingest sources: a bearer token each (shown once, stored as sha-256) and optional Standard
 * Webhooks signing secrets, rotated without a gap. Lookups by token are cached 2 s (ingest is hot).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { StoreDatabase } from '../db/drizzle-store';
import { ingestSources } from '../db/auth-schema';
import { newSigningSecret, newToken, sha256Hex } from '../auth/secrets';
import { AccountError, parseInput, signingSchema, sourceNameSchema } from './inputs';

/** How long a token lookup is served from memory. */
const SOURCE_CACHE_MS = 2000;
/** lastUsedAt is written at most this often per source. */
const SOURCE_TOUCH_MS = 60_000;

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

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const credential = (row: typeof ingestSources.$inferSelect): SourceCredential => ({
	id: row.id,
	name: row.name,
	secrets: row.signingSecrets,
	requireSignature: row.requireSignature
});

export function createSources(db: StoreDatabase, now: () => number) {
	const sourceCache = new Map<string, { value: SourceCredential | null; at: number }>();
	const sourceTouched = new Map<string, number>();

	return {
		async createSource(input: { name: unknown; signing: unknown }, createdBy: string) {
			const name = parseInput(sourceNameSchema, input.name);
			const signing = parseInput(signingSchema, input.signing);
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
			if (inserted.length === 0)
				throw new AccountError(`name: a source "${name}" exists`, 409, 'sourceExists', { name });
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
			if (updated.length === 0)
				throw new AccountError('no such source, or already revoked', 404, 'noSuchSource');
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
			if (!row) throw new AccountError('no such source, or revoked', 404, 'noSuchSource');
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
			if (!row) throw new AccountError('no such source', 404, 'noSuchSource');
			await db
				.update(ingestSources)
				.set({ signingSecrets: row.signingSecrets.slice(0, 1) })
				.where(eq(ingestSources.id, id));
			sourceCache.clear();
		},

		async setSignatureRequired(id: string, required: boolean) {
			const [row] = await db.select().from(ingestSources).where(eq(ingestSources.id, id));
			if (!row) throw new AccountError('no such source', 404, 'noSuchSource');
			if (required && row.signingSecrets.length === 0) {
				throw new AccountError('create a signing secret first (rotate)', 400, 'signingFirst');
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
			if (cached && t - cached.at < SOURCE_CACHE_MS) return cached.value;
			const [row] = await db
				.select()
				.from(ingestSources)
				.where(and(eq(ingestSources.tokenHash, key), isNull(ingestSources.revokedAt)));
			const value = row ? credential(row) : null;
			if (sourceCache.size > 1000) sourceCache.clear();
			sourceCache.set(key, { value, at: t });
			return value;
		},

		/** Active sources with signing secrets: a request that carries only a signature. */
		async signingSources(): Promise<SourceCredential[]> {
			const rows = await db.select().from(ingestSources).where(isNull(ingestSources.revokedAt));
			return rows.filter((r) => r.signingSecrets.length > 0).map(credential);
		},

		/** Records last use, at most once a minute per source. */
		async touchSource(id: string) {
			const t = now();
			if (t - (sourceTouched.get(id) ?? 0) < SOURCE_TOUCH_MS) return;
			sourceTouched.set(id, t);
			await db
				.update(ingestSources)
				.set({ lastUsedAt: new Date(t) })
				.where(eq(ingestSources.id, id));
		}
	};
}
