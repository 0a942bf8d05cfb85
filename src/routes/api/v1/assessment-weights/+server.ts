import { json } from '@sveltejs/kit';
import { parseAssessmentWeights } from '$lib/contract/assessment';
import { readBodyLimited } from '$lib/server/ingest/body';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

const WEIGHTS_BODY_LIMIT_BYTES = 4 * 1024;

/** The composite score's weights (percent): managers and admins read them. */
export const GET: RequestHandler = withApp(async (app) =>
	json(await app.assessment.weights.current(), { headers: { 'Cache-Control': 'no-store' } })
);

/**
 * Changes the weights (admins). Body `{responseRate, resolutionRate, satisfactionRate}`: whole
 * percent ≥ 0 summing to 100; 400 names every bad field.
 */
export const PUT: RequestHandler = withApp(async (app, { request, locals }) => {
	const text = await readBodyLimited(request, WEIGHTS_BODY_LIMIT_BYTES).catch(() => '');
	if (text === null)
		return problem(413, `request body is larger than ${WEIGHTS_BODY_LIMIT_BYTES} bytes`);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (err) {
		return problem(400, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
	}
	const parsed = parseAssessmentWeights(raw);
	if (!parsed.ok) return problem(400, 'invalid weights', { details: { errors: parsed.errors } });
	const next = await app.assessment.weights.set(parsed.value);
	app.logger.info(
		{ by: locals.principal?.kind === 'user' ? locals.principal.username : null, weights: next },
		'assessment weights set'
	);
	return json(next);
});
