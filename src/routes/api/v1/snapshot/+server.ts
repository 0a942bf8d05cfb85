import { json } from '@sveltejs/kit';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/**
 * docs/contract.md §3: the live snapshot, including every event accepted before this request.
 * Who may read it (a signed-in person, an enrolled display, READ_TOKEN; anyone while no account
 * exists) is checked in the request hooks (src/lib/server/auth/policy.ts).
 */
export const GET: RequestHandler = withApp(async (app) =>
	json(await app.snapshot(), { headers: { 'Cache-Control': 'no-store' } })
);
