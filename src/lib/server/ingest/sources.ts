/**
 * Who is sending: the data source of an ingest request. The bootstrap INGEST_TOKEN (from the
 * environment, or generated at the first start and stored hashed), a named source's bearer
 * token, and Standard Webhooks signatures (a signature alone also identifies its source). The
 * credential is checked in two steps so nothing unauthenticated is read in full: the bearer token
 * before the body, the signature over the exact body received.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Accounts, SourceCredential } from '../accounts';
import { bearerToken } from '../auth/authenticate';
import { matchesHash } from '../auth/secrets';
import {
	hasSignatureHeaders,
	verifySignature,
	type SignatureHeaders
} from '../auth/webhook-signature';
import type { EventStore } from '../db/store';
import type { Logger } from '../logger';

const INGEST_TOKEN_SETTING = 'ingestTokenSha256';

/** The INGEST_TOKEN from the environment (or generated at the first start). */
export const BOOTSTRAP_SOURCE: SourceCredential = {
	id: 'INGEST_TOKEN',
	name: 'INGEST_TOKEN',
	secrets: [],
	requireSignature: false
};

export const UNAUTHORISED =
	'missing or invalid ingest credential: send "Authorization: Bearer <token>" (INGEST_TOKEN or a source token) or a webhook signature';

/** The first step's verdict: a source (maybe still to be confirmed by its signature), or why not. */
export type SourceClaim =
	| { ok: true; source: SourceCredential | null; signature: SignatureHeaders | null }
	| { ok: false; status: 401 | 503; message: string };

export type SourceVerdict =
	{ ok: true; source: SourceCredential; webhookId: string | null } | { ok: false; message: string };

export interface Sources {
	/** The source a bearer token belongs to, or null. */
	sourceFor(authorization: string | null): Promise<SourceCredential | null>;
	/** Step 1, before the body is read: the bearer token, and whether a signature is to be checked. */
	claim(headers: Headers): Promise<SourceClaim>;
	/** Step 2, over the exact bytes received: the signature, when the request carries one. */
	confirm(
		claim: Extract<SourceClaim, { ok: true }>,
		body: string | Uint8Array
	): Promise<SourceVerdict>;
	/** Whether any source has a signing secret (else a signature alone cannot authenticate). */
	signingPossible(): Promise<boolean>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

async function resolveIngestTokenHash(
	configured: string | undefined,
	store: EventStore,
	logger: Logger
): Promise<Buffer> {
	if (configured) return sha256(configured);
	const stored = await store.getSetting(INGEST_TOKEN_SETTING);
	if (typeof stored === 'string') return Buffer.from(stored, 'hex');
	const token = randomBytes(24).toString('base64url');
	const hash = sha256(token);
	if (await store.setSettingIfAbsent(INGEST_TOKEN_SETTING, hash.toString('hex'))) {
		// Printed once, on the start that generated it; only its hash is stored.
		process.stdout.write(
			`\n  INGEST_TOKEN (generated, shown only this once; only its hash is stored):\n    ${token}\n  Send it as "Authorization: Bearer <token>" to POST /api/v1/events, or set INGEST_TOKEN.\n\n`
		);
		logger.info('generated an ingest token and stored its hash');
		return hash;
	}
	// Another instance generated one at the same moment: use that one.
	const winner = await store.getSetting(INGEST_TOKEN_SETTING);
	return Buffer.from(String(winner), 'hex');
}

export async function createSources(deps: {
	ingestToken: string | undefined;
	store: EventStore;
	accounts: Accounts;
	logger: Logger;
	now: () => number;
}): Promise<Sources> {
	const { accounts, logger } = deps;
	const ingestTokenHash = await resolveIngestTokenHash(deps.ingestToken, deps.store, logger);
	const touch = (id: string) =>
		void accounts
			.touchSource(id)
			.catch((err: unknown) => logger.warn({ err }, 'recording a source last-used time failed'));

	async function sourceFor(authorization: string | null): Promise<SourceCredential | null> {
		const token = bearerToken(authorization);
		if (token === null || token.length > 200) return null;
		if (matchesHash(token, ingestTokenHash)) return BOOTSTRAP_SOURCE;
		const source = await accounts.sourceByToken(token);
		if (source) touch(source.id);
		return source;
	}

	return {
		sourceFor,
		async claim(headers) {
			const authorization = headers.get('authorization');
			const signature: SignatureHeaders = {
				id: headers.get('webhook-id'),
				timestamp: headers.get('webhook-timestamp'),
				signature: headers.get('webhook-signature')
			};
			const signed = hasSignatureHeaders(signature) ? signature : null;
			if (authorization === null) {
				return signed
					? { ok: true, source: null, signature: signed }
					: { ok: false, status: 401, message: UNAUTHORISED };
			}
			let source: SourceCredential | null;
			try {
				source = await sourceFor(authorization);
			} catch (err) {
				logger.error({ err }, 'looking up an ingest source failed');
				return { ok: false, status: 503, message: 'the database is unavailable; retry later' };
			}
			if (!source) return { ok: false, status: 401, message: UNAUTHORISED };
			if (source.requireSignature && !signed) {
				return {
					ok: false,
					status: 401,
					message: `source "${source.name}" requires a webhook signature`
				};
			}
			return { ok: true, source, signature: signed };
		},
		async signingPossible() {
			return (await accounts.signingSources()).length > 0;
		},
		async confirm(claim, body) {
			const { source, signature } = claim;
			if (signature === null || (source !== null && source.secrets.length === 0)) {
				// A bearer-authenticated source without secrets: a stray signature changes nothing.
				return source
					? { ok: true, source, webhookId: null }
					: { ok: false, message: UNAUTHORISED };
			}
			const candidates = source ? [source] : await accounts.signingSources();
			let failure = 'signature: no source has a signing secret';
			for (const candidate of candidates) {
				const verdict = verifySignature(candidate.secrets, signature, body, deps.now());
				if (verdict.ok) {
					touch(candidate.id);
					return { ok: true, source: candidate, webhookId: verdict.id };
				}
				failure = verdict.message;
			}
			return { ok: false, message: failure };
		}
	};
}
