import { text } from '@sveltejs/kit';
import { getApp } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** docs/contract.md §5: 200 once the database is reachable and the live state restored, else 503. */
export const GET: RequestHandler = async () => {
	const app = getApp();
	const ready = app ? await app.ready() : false;
	return text(ready ? 'ready' : 'not ready', {
		status: ready ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' }
	});
};
