/** The service-level targets (config), for the labels of the wall's tiles; readable like the snapshot. */
import { json } from '@sveltejs/kit';
import type { ServiceTargets } from '$lib/contract';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = withApp((app) => {
	const body: ServiceTargets = {
		serviceLevelSeconds: app.config.serviceLevelTargetMs / 1000,
		byQueue: Object.fromEntries(
			Object.entries(app.config.serviceLevelTargetByQueueMs).map(([q, ms]) => [q, ms / 1000])
		)
	};
	return json(body, { headers: { 'Cache-Control': 'no-store' } });
});
