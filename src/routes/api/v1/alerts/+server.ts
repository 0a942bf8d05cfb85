import { json } from '@sveltejs/kit';
import { problem, requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Active alerts and those cleared within the last hour (no PII: who acknowledged is staff). */
export const GET: RequestHandler = async () => {
	const app = requireApp();
	if (app instanceof Response) return app;
	try {
		return json(await app.alerts.list(), { headers: { 'Cache-Control': 'no-store' } });
	} catch (err) {
		app.logger.error({ err }, 'reading alerts failed');
		return problem(503, 'the database is unavailable; retry shortly', { 'Retry-After': '5' });
	}
};
