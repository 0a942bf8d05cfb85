import { json } from '@sveltejs/kit';
import { parseDay } from '$lib/server/history';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** 15-minute points of a day, the day before and the same weekday a week before (HistoryIntraday). */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const params = parseDay(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const started = performance.now();
	const intraday = await app.history.intraday(params.value.day, params.value.queue);
	const queryMs = performance.now() - started;
	return json({ ...intraday, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
});
