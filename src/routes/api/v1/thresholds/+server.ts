import { json } from '@sveltejs/kit';
import { parseThresholds } from '$lib/contract';
import { isUnavailable } from '$lib/server/errors';
import { readBodyLimited } from '$lib/server/ingest/body';
import { problem, requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

const THRESHOLDS_BODY_LIMIT_BYTES = 64 * 1024;

/** The wallboard's threshold bands; readable like the snapshot. */
export const GET: RequestHandler = () => {
	const app = requireApp();
	if (app instanceof Response) return app;
	return json(app.thresholds(), { headers: { 'Cache-Control': 'no-store' } });
};

/**
 * Changes the bands (managers and admins, signed in). Body: `{metrics?, byQueue?}`; figures left
 * out keep their defaults. 400 names every bad field.
 */
export const PUT: RequestHandler = async ({ request, locals }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const text = await readBodyLimited(request, THRESHOLDS_BODY_LIMIT_BYTES).catch(() => '');
	if (text === null) {
		return problem(413, `request body is larger than ${THRESHOLDS_BODY_LIMIT_BYTES} bytes`);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (err) {
		return problem(400, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
	}
	const parsed = parseThresholds(raw);
	if (!parsed.ok) {
		return json({ error: 'invalid thresholds', errors: parsed.errors }, { status: 400 });
	}
	try {
		const next = await app.setThresholds(parsed.value);
		app.logger.info(
			{ by: locals.principal?.kind === 'user' ? locals.principal.username : null },
			'thresholds set'
		);
		return json(next);
	} catch (err) {
		if (isUnavailable(err)) return problem(503, err.message, { 'Retry-After': '5' });
		throw err;
	}
};
