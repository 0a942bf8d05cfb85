import { parseRange } from '$lib/server/history';
import { exportFileName, historyCsv } from '$lib/server/history/csv';
import { reportLocale } from '$lib/server/history/report';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/**
 * The report of [from, to] as one CSV (UTF-8 with BOM, for Excel): human headers in `?lang=`
 * (zh-CN by default), rounded figures; `&queue=` narrows the call figures to that queue.
 */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const { from, to, queue } = params.value;
	const started = performance.now();
	const [summary, daily] = await Promise.all([
		app.history.summary(from, to, queue),
		app.history.daily(from, to, queue)
	]);
	const queryMs = performance.now() - started;
	const body = historyCsv(summary, daily, reportLocale(url.searchParams.get('lang')));
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${exportFileName(from, to, queue)}"`,
			'Cache-Control': 'no-store',
			'Server-Timing': `db;dur=${queryMs.toFixed(1)}`
		}
	});
});
