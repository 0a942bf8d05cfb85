import { requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Prometheus exposition of the process's own metrics. */
export const GET: RequestHandler = async () => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const { registry } = app.telemetry;
	return new Response(await registry.metrics(), {
		headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }
	});
};
