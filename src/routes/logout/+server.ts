import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/authenticate';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** Ends the session here and on every socket it opened (all instances). */
export const POST: RequestHandler = withApp(async (app, { locals, cookies, url }) => {
	const p = locals.principal;
	if (p?.kind === 'user') {
		await app.accounts.signOut(p.sessionId);
		app.disconnect({ sessionId: p.sessionId });
		app.logger.info({ username: p.username }, 'signed out');
	}
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
	redirect(303, '/login');
});
