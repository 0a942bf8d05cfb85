import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/authenticate';
import { requireApp } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Ends the session here and on every socket it opened (all instances). */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const p = locals.principal;
	if (p?.kind === 'user') {
		await app.accounts.signOut(p.sessionId);
		app.disconnect({ sessionId: p.sessionId });
		app.logger.info({ username: p.username }, 'signed out');
	}
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
	redirect(303, '/login');
};
