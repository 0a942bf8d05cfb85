import { json } from '@sveltejs/kit';
import { parseRange } from '$lib/server/history';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** The 接诉即办 assessment of [from, to] against the previous period (HistoryAssessment). */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const started = performance.now();
	const ranking = await app.assessment.ranking(params.value.from, params.value.to);
	const queryMs = performance.now() - started;
	return json({ ...ranking, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
});
