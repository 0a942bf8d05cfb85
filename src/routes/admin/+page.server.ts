import { appOr503 } from '$lib/server/app-or-503';
import type { PageServerLoad } from './$types';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
		// Data-source health (ingest/source-health.ts) as plain data, times as ISO strings.
		health: app.sourceHealth.list().map((v) => ({
			key: v.key,
			kind: v.kind,
			name: v.name,
			state: v.state,
			lastEventAt: iso(v.lastEventAt),
			eventsPerMinute: v.eventsPerMinute,
			lastError: v.lastError,
			lastErrorAt: iso(v.lastErrorAt),
			stale: v.staleSince !== null
		})),
		bootstrapToken: !app.config.ingestToken ? ('generated' as const) : ('env' as const)
	};
};
