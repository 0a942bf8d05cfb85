import { json } from '@sveltejs/kit';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** Every board: the built-ins (`builtIn: true`) first, then the stored ones by name. */
export const GET: RequestHandler = withApp(async (app) =>
	json(await app.boards.listBoards(), { headers: { 'Cache-Control': 'no-store' } })
);
