import { json } from '@sveltejs/kit';
import { isUnavailable } from '$lib/server/errors';
import { bodyKind, parseBody, readBodyLimited } from '$lib/server/ingest/body';
import { problem, requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Contract §2: POST a JSON array, {"events": [...]} or NDJSON of events. */
export const POST: RequestHandler = async ({ request }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const reply = (res: Response) => {
		app.telemetry.ingestRequests.inc({ status: String(res.status) });
		return res;
	};

	if (!app.checkIngestToken(request.headers.get('authorization'))) {
		return reply(
			problem(401, 'missing or invalid ingest token: send "Authorization: Bearer <INGEST_TOKEN>"', {
				'WWW-Authenticate': 'Bearer realm="ingest"'
			})
		);
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
	const parsed = parseBody(kind, text);
	if ('status' in parsed) return reply(problem(parsed.status, parsed.message));

	try {
		const result = await app.ingest(parsed.items);
		return reply(json(result));
	} catch (err) {
		if (isUnavailable(err)) {
			return reply(problem(503, err.message, { 'Retry-After': '5' }));
		}
		app.logger.error({ err }, 'ingest failed');
		return reply(problem(503, 'ingest failed on the server; retry later', { 'Retry-After': '5' }));
	}
};
