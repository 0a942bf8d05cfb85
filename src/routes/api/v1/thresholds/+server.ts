import { json } from '@sveltejs/kit';
import { parseThresholds } from '$lib/contract';
import { readBodyLimited } from '$lib/server/ingest/body';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

const THRESHOLDS_BODY_LIMIT_BYTES = 64 * 1024;

/** The wallboard's threshold bands; readable like the snapshot. */
export const GET: RequestHandler = withApp((app) =>
	json(app.thresholds.current(), { headers: { 'Cache-Control': 'no-store' } })
);

/**
 * Changes the bands (managers and admins, signed in). Body: `{metrics?, byQueue?}`; figures left
 * out keep their defaults. 400 names every bad field.
 */
export const PUT: RequestHandler = withApp(async (app, { request, locals }) => {
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
		return problem(400, 'invalid thresholds', { details: { errors: parsed.errors } });
	}
	const next = await app.thresholds.set(parsed.value, locals.principal);
	app.logger.info(
		{ by: locals.principal?.kind === 'user' ? locals.principal.username : null },
		'thresholds set'
	);
	return json(next);
});
