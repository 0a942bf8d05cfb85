import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** Prometheus exposition of the process's own metrics. */
export const GET: RequestHandler = withApp(async (app) => {
	const { registry } = app.telemetry;
	return new Response(await registry.metrics(), {
		headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }
	});
});
