import { appOr503 } from '$lib/server/app-or-503';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const app = appOr503();
	const [users, displays, sources] = await Promise.all([
		app.accounts.listUsers(),
		app.accounts.listDisplays(),
		app.accounts.listSources()
	]);
	return {
		users: users.length,
		admins: users.filter((u) => u.role === 'admin' && !u.disabled).length,
		displays: displays.filter((d) => d.status === 'enrolled').length,
		displaysOnline: displays.filter(
			(d) =>
				d.status === 'enrolled' && d.lastSeenAt && Date.now() - Date.parse(d.lastSeenAt) < 120_000
		).length,
		sources: sources.filter((s) => !s.revoked).length,
		bootstrapToken: !app.config.ingestToken
			? 'generated at the first start (printed once)'
			: 'from INGEST_TOKEN'
	};
};
