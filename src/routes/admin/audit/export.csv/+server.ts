import { describeDetail } from '$lib/client/audit-detail';
import { CATALOGUES, localeFrom } from '$lib/client/i18n';
import { AUDIT_EXPORT_MAX, auditCsv, parseAuditFilter } from '$lib/server/audit';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** The audit log as CSV, with the page's filters (`area`, `actor`, `target`, `from`, `to`). */
export const GET: RequestHandler = withApp(async (app, { url }) => {
	const parsed = parseAuditFilter(url.searchParams);
	if (!parsed.ok) {
		return problem(400, 'invalid filter', {
			details: { errors: parsed.errors.map((e) => `${e.field}: ${e.code}`) }
		});
	}
	const entries = await app.audit.list({ ...parsed.filter, before: undefined }, AUDIT_EXPORT_MAX);
	const m = CATALOGUES[localeFrom(url.searchParams.get('lang'))].admin.audit;
	const body = auditCsv(
		entries,
		{
			at: `${m.at} (${app.config.timezone})`,
			actor: m.actor,
			actorKind: m.actorKind,
			action: m.action,
			target: m.target,
			detail: m.detail
		},
		app.config.timezone,
		describeDetail
	);
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="audit-log.csv"`,
			'Cache-Control': 'no-store'
		}
	});
});
