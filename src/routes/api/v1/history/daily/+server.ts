import { json } from '@sveltejs/kit';
import { problem, requireApp } from '$lib/server/http';
import { historyOf, parseRange } from '$lib/server/history';
import type { RequestHandler } from './$types';

/** One row per business day of [from, to] (HistoryDaily); `queue` filters the calls only. */
export const GET: RequestHandler = async ({ url }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const { from, to, queue } = params.value;
	const started = performance.now();
	const daily = await historyOf(app).daily(from, to, queue);
	const queryMs = performance.now() - started;
	return json({ ...daily, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
};
