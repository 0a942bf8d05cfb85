import { json } from '@sveltejs/kit';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** Active alerts and those cleared within the last hour (no PII: who acknowledged is staff). */
export const GET: RequestHandler = withApp(
	async (app) => json(await app.alerts.list(), { headers: { 'Cache-Control': 'no-store' } }),
	'reading alerts failed'
);
