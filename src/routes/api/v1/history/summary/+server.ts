import { json } from '@sveltejs/kit';
import { problem, requireApp } from '$lib/server/http';
import { historyOf, parseRange } from '$lib/server/history';
import type { RequestHandler } from './$types';

/** Totals of [from, to] and the same-length range before it (HistorySummary). */
export const GET: RequestHandler = async ({ url }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const started = performance.now();
	const summary = await historyOf(app).summary(params.value.from, params.value.to);
	const queryMs = performance.now() - started;
	return json({ ...summary, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
};
