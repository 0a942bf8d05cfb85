import { json } from '@sveltejs/kit';
import { problem, requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Contract §3: the live snapshot, including every event accepted before this request. */
export const GET: RequestHandler = async ({ request }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const auth = request.headers.get('authorization');
	if (auth !== null) {
		const token = /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
		if (!token || app.checkReadToken(token) === 'denied') {
			return problem(401, 'invalid read token', { 'WWW-Authenticate': 'Bearer realm="read"' });
		}
	}
	return json(await app.snapshot(), { headers: { 'Cache-Control': 'no-store' } });
};
