import { json } from '@sveltejs/kit';
import { parseRange } from '$lib/server/history';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/**
 * Totals of [from, to], the same-length range before it (环比) and the same dates a year before
 * (同比) (HistorySummary); `&queue=` narrows the call figures to one queue.
 */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const started = performance.now();
	const { from, to, queue } = params.value;
	const summary = await app.history.summary(from, to, queue);
	const queryMs = performance.now() - started;
	return json({ ...summary, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
});
