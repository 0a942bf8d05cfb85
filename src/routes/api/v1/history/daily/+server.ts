import { json } from '@sveltejs/kit';
import { parseRange } from '$lib/server/history';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** One row per business day of [from, to] (HistoryDaily); `queue` filters the calls only. */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const { from, to, queue } = params.value;
	const started = performance.now();
	const daily = await app.history.daily(from, to, queue);
	const queryMs = performance.now() - started;
	return json({ ...daily, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
});
