import { json } from '@sveltejs/kit';
import { businessDayOf } from '$lib/metrics/timezone';
import { parseTrend } from '$lib/server/assessment/params';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** 每月一题: one topic's tickets created and three rates per month (TopicTrend). */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const today = businessDayOf(Date.now(), app.config.timezone);
	const params = parseTrend(url.searchParams, today);
	if (!params.ok) return problem(400, params.error);
	const { topic, months, to } = params.value;
	const started = performance.now();
	const trend = await app.assessment.topicTrend(topic, months, to);
	const queryMs = performance.now() - started;
	return json({ ...trend, queryMs }, { headers: { 'Cache-Control': 'no-store' } });
});
