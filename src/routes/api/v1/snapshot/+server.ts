import { json } from '@sveltejs/kit';
import { requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Contract §3: the live snapshot, including every event accepted before this request. Who may
 * read it (a signed-in person, an enrolled display, READ_TOKEN; anyone while no account exists)
 * is checked in the request guard (src/lib/server/auth/policy.ts).
 */
export const GET: RequestHandler = async () => {
	const app = requireApp();
	if (app instanceof Response) return app;
	return json(await app.snapshot(), { headers: { 'Cache-Control': 'no-store' } });
};
