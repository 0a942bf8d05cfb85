import { json } from '@sveltejs/kit';
import { problem, requireApp } from '$lib/server/http';
import { historyOf, parseDay } from '$lib/server/history';
import type { RequestHandler } from './$types';

/** 15-minute points of a day, the day before and the same weekday a week before (HistoryIntraday). */
export const GET: RequestHandler = async ({ url }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const params = parseDay(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const started = performance.now();
	const intraday = await historyOf(app).intraday(params.value.day, params.value.queue);
	const queryMs = performance.now() - started;
	return json({ ...intraday, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
};
