import { parseRange } from '$lib/server/history';
import { assessmentCsv, assessmentFileName } from '$lib/server/assessment/csv';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** The assessment of [from, to] as CSV (UTF-8 with BOM); `lang=en` for English headers. */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const params = parseRange(url.searchParams);
	if (!params.ok) return problem(400, params.error);
	const { from, to } = params.value;
	const started = performance.now();
	const ranking = await app.assessment.ranking(from, to);
	const queryMs = performance.now() - started;
	const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
	return new Response(assessmentCsv({ ...ranking, queryMs }, locale), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${assessmentFileName(from, to)}"`,
			'Cache-Control': 'no-store'
		}
	});
});
