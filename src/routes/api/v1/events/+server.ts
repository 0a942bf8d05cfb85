import { json } from '@sveltejs/kit';
import { isUnavailable } from '$lib/server/errors';
import { bodyKind, parseBody, readBodyLimited } from '$lib/server/ingest/body';
import { problem, requireApp } from '$lib/server/http';
import type { SourceCredential } from '$lib/server/auth/accounts';
import {
	hasSignatureHeaders,
	verifySignature,
	type SignatureHeaders
} from '$lib/server/auth/webhook-signature';
import type { RequestHandler } from './$types';

const UNAUTHORISED =
	'missing or invalid ingest credential: send "Authorization: Bearer <token>" (INGEST_TOKEN or a source token) or a webhook signature';

/**
 * Contract §2: POST a JSON array, {"events": [...]} or NDJSON of events. Sources authenticate
 * with a bearer token (INGEST_TOKEN or a named source's token) and, where the source has signing
 * secrets, a Standard Webhooks signature; a signature alone also identifies its source.
 */
export const POST: RequestHandler = async ({ request }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const reply = (res: Response) => {
		app.telemetry.ingestRequests.inc({ status: String(res.status) });
		return res;
	};
	const unauthorised = (message = UNAUTHORISED) =>
		reply(problem(401, message, { 'WWW-Authenticate': 'Bearer realm="ingest"' }));

	const authorization = request.headers.get('authorization');
	const signature: SignatureHeaders = {
		id: request.headers.get('webhook-id'),
		timestamp: request.headers.get('webhook-timestamp'),
		signature: request.headers.get('webhook-signature')
	};
	const signed = hasSignatureHeaders(signature);
	let source: SourceCredential | null = null;
	if (authorization !== null) {
		try {
			source = await app.sourceFor(authorization);
		} catch (err) {
			app.logger.error({ err }, 'looking up an ingest source failed');
			return reply(
				problem(503, 'the database is unavailable; retry later', { 'Retry-After': '5' })
			);
		}
		if (!source) return unauthorised();
		if (source.requireSignature && !signed) {
			return unauthorised(`source "${source.name}" requires a webhook signature`);
		}
	} else if (!signed) {
		return unauthorised();
	}

	const kind = bodyKind(request.headers.get('content-type'));
	if (typeof kind !== 'string') return reply(problem(kind.status, kind.message));

	const limit = app.config.ingestBodyLimitBytes;
	let text: string | null;
	try {
		text = await readBodyLimited(request, limit);
	} catch {
		return reply(problem(400, 'the request body could not be read'));
	}
	if (text === null) {
		return reply(
			problem(
				413,
				`request body is larger than ${limit} bytes (INGEST_BODY_LIMIT_BYTES); send smaller batches`
			)
		);
	}

	// A signature is checked against the exact bytes received.
	let webhookId: string | null = null;
	if (signed && (source === null || source.secrets.length > 0)) {
		const candidates = source ? [source] : await app.accounts.signingSources();
		let failure = 'signature: no source has a signing secret';
		for (const candidate of candidates) {
			const verdict = verifySignature(candidate.secrets, signature, text, Date.now());
			if (verdict.ok) {
				source = candidate;
				webhookId = verdict.id;
				break;
			}
			failure = verdict.message;
		}
		if (webhookId === null) return unauthorised(failure);
		void app.accounts.touchSource(source!.id).catch(() => {});
	}

	const allowed = await app.limits.ingest.hit(source!.id);
	if (!allowed.ok) {
		return reply(
			problem(429, `too many requests from source "${source!.name}"; slow down`, {
				'Retry-After': String(allowed.retryAfterSeconds)
			})
		);
	}

	const parsed = parseBody(kind, text);
	if ('status' in parsed) return reply(problem(parsed.status, parsed.message));
	const items = webhookId === null ? parsed.items : withWebhookIds(parsed.items, webhookId);

	try {
		const result = await app.ingest(items);
		return reply(json(result));
	} catch (err) {
		if (isUnavailable(err)) {
			return reply(problem(503, err.message, { 'Retry-After': '5' }));
		}
		app.logger.error({ err }, 'ingest failed');
		return reply(problem(503, 'ingest failed on the server; retry later', { 'Retry-After': '5' }));
	}
};

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
