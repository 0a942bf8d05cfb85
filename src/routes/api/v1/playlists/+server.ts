import { json } from '@sveltejs/kit';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** Every stored playlist by name: `[{id, name}]`. */
export const GET: RequestHandler = withApp(async (app) =>
	json(await app.boards.listPlaylists(), { headers: { 'Cache-Control': 'no-store' } })
);
