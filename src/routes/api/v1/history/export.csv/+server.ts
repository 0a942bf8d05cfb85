import { problem, requireApp } from '$lib/server/http';
import { historyOf, parseRange } from '$lib/server/history';
import { exportFileName, historyCsv } from '$lib/server/history/csv';
import type { RequestHandler } from './$types';

/** The summary and the daily rows of [from, to] as one CSV (UTF-8 with BOM, for Excel). */
export const GET: RequestHandler = async ({ url }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const { from, to } = params.value;
	const history = historyOf(app);
	const started = performance.now();
	const [summary, daily] = await Promise.all([
		history.summary(from, to),
		history.daily(from, to, null)
	]);
	const queryMs = performance.now() - started;
	return new Response(historyCsv({ ...summary, queryMs }, { ...daily, queryMs }), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${exportFileName(from, to)}"`,
			'Cache-Control': 'no-store',
			'Server-Timing': `db;dur=${queryMs.toFixed(1)}`
		}
	});
};
