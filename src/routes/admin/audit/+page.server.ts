import { AUDIT_AREAS, AUDIT_PAGE_SIZE, parseAuditFilter } from '$lib/server/audit';
import { appOr503 } from '$lib/server/app-or-503';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const app = appOr503();
	const parsed = parseAuditFilter(url.searchParams);
	const entries = parsed.ok ? await app.audit.list(parsed.filter) : [];
	return {
		entries,
		errors: parsed.ok ? [] : parsed.errors,
		areas: [...AUDIT_AREAS],
		pageSize: AUDIT_PAGE_SIZE,
		timezone: app.config.timezone
	};
};
