/**
 * `POST /api/v1/events` (docs/contract.md §2) as one function of the request: the source's
 * credential (bearer before the body, signature over the exact bytes), the content type, a
 * bounded body read, the per-source rate limit, parsing, then the ingest feature. Every refusal
 * uses the one error shape; the route file only hands the request over.
 */
import { json } from '@sveltejs/kit';
import { isUnavailable } from '../errors';
import { problem } from '../http/problem';
import type { Limiter } from '../auth/rate-limit';
import type { Logger } from '../logger';
import type { Telemetry } from '../telemetry';
import { bodyKind, decodeBody, parseBody, readBodyBytesLimited } from './body';
import type { IngestService } from './service';
import type { SourceHealth } from './source-health';
import type { Sources } from './sources';
import type { SourceCredential } from '../accounts';

export type IngestHttpDeps = {
	sources: Sources;
	ingest: IngestService;
	limiter: Limiter;
	bodyLimitBytes: number;
	telemetry: Telemetry;
	logger: Logger;
	/** Each source's health: one in-memory update per accepted request. */
	health?: SourceHealth;
};

export async function handleIngestRequest(
	deps: IngestHttpDeps,
	request: Request
): Promise<Response> {
	const response = await answer(deps, request);
	deps.telemetry.ingestRequests.inc({ status: String(response.status) });
	return response;
}

const unauthorised = (message: string) =>
	problem(401, message, { headers: { 'WWW-Authenticate': 'Bearer realm="ingest"' } });
/** The most read of a body before its sender is known (a signature alone, no bearer token). */
export const PRE_AUTH_BODY_LIMIT_BYTES = 1024 * 1024;

const retryLater = (message: string) => problem(503, message, { headers: { 'Retry-After': '5' } });

/** A request that passed the credential, content type, size and rate checks. */
export type Received<K> = {
	kind: K;
	text: string;
	webhookId: string | null;
	source: SourceCredential;
};

/**
 * The steps every ingest route shares, in order: the credential (bearer token before the body),
 * the content type (`kindOf` picks the parser or answers 415), a bounded body read (413), the
 * signature over the exact bytes, the per-source rate limit (429). A Response is a refusal.
 */
export async function receive<K>(
	deps: IngestHttpDeps,
	request: Request,
	kindOf: (contentType: string | null) => K | { status: 400 | 415; message: string }
): Promise<Received<K> | Response> {
	const claim = await deps.sources.claim(request.headers);
	if (!claim.ok) {
		return claim.status === 401 ? unauthorised(claim.message) : retryLater(claim.message);
	}

	const kind = kindOf(request.headers.get('content-type'));
	if (typeof kind === 'object' && kind !== null && 'status' in kind) {
		return problem(kind.status, kind.message);
	}

	// A signature alone (no bearer token) is checked only after the body is read: while no source
	// could have signed it, nothing is read; otherwise at most PRE_AUTH_BODY_LIMIT_BYTES.
	const signatureOnly = claim.source === null;
	if (signatureOnly) {
		let possible: boolean;
		try {
			possible = await deps.sources.signingPossible();
		} catch {
			return retryLater('the database is unavailable; retry later');
		}
		if (!possible) return unauthorised('signature: no source has a signing secret');
	}
	const limit = signatureOnly
		? Math.min(deps.bodyLimitBytes, PRE_AUTH_BODY_LIMIT_BYTES)
		: deps.bodyLimitBytes;
	let bytes: Uint8Array | null;
	try {
		bytes = await readBodyBytesLimited(request, limit, signatureOnly ? 0 : undefined);
	} catch {
		return problem(400, 'the request body could not be read');
	}
	if (bytes === null) {
		return problem(
			413,
			signatureOnly
				? `request body is larger than ${limit} bytes, the limit for a request authenticated by its signature alone; send the source's bearer token too (up to INGEST_BODY_LIMIT_BYTES) or smaller batches`
				: `request body is larger than ${limit} bytes (INGEST_BODY_LIMIT_BYTES); send smaller batches`
		);
	}

	// The signature covers the bytes as sent; the text is decoded only afterwards.
	const verdict = await deps.sources.confirm(claim, bytes);
	if (!verdict.ok) return unauthorised(verdict.message);
	const text = decodeBody(bytes);
	const { source, webhookId } = verdict;

	const allowed = await deps.limiter.hit(source.id);
	if (!allowed.ok) {
		return problem(429, `too many requests from source "${source.name}"; slow down`, {
			headers: { 'Retry-After': String(allowed.retryAfterSeconds) }
		});
	}
	return { kind, text, webhookId, source };
}

/** What an ingest step answers: counts, and the rejections with their errors. */
type Counted = { accepted: number; duplicates: number; rejected: Array<{ errors: string[] }> };

/**
 * Runs an ingest step for `source`, answering 503 (with Retry-After) when storage is
 * unavailable; a step that ran is reported to the source's health.
 */
export async function ingestOr503(
	deps: IngestHttpDeps,
	source: SourceCredential,
	work: () => Promise<Counted>
): Promise<Response> {
	try {
		const result = await work();
		const firstError = result.rejected[0]?.errors[0];
		deps.health
			?.source(`http:${source.id}`, { kind: 'http', name: source.name, state: 'connected' })
			.report({
				state: 'connected',
				events: result.accepted + result.duplicates,
				alive: true,
				...(firstError === undefined
					? {}
					: { error: `${result.rejected.length} rejected: ${firstError}` })
			});
		return json(result);
	} catch (err) {
		if (isUnavailable(err)) return retryLater(err.message);
		deps.logger.error({ err }, 'ingest failed');
		return retryLater('ingest failed on the server; retry later');
	}
}

async function answer(deps: IngestHttpDeps, request: Request): Promise<Response> {
	const received = await receive(deps, request, bodyKind);
	if (received instanceof Response) return received;
	const { kind, text, webhookId, source } = received;

	const parsed = parseBody(kind, text);
	if ('status' in parsed) return problem(parsed.status, parsed.message);
	const items = webhookId === null ? parsed.items : withWebhookIds(parsed.items, webhookId);
	return ingestOr503(deps, source, () => deps.ingest.ingest(items));
}

/**
 * In a signed request the webhook id doubles as the dedup key: an event without its own `id`
 * gets `<webhook-id>` (a single event) or `<webhook-id>:<index>`, so a redelivery of the same
 * message changes nothing.
 */
function withWebhookIds(items: readonly unknown[], webhookId: string): unknown[] {
	return items.map((item, index) => {
		if (item === null || typeof item !== 'object' || Array.isArray(item) || 'id' in item) {
			return item;
		}
		return { ...item, id: items.length === 1 ? webhookId : `${webhookId}:${index}` };
	});
}
