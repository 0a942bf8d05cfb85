/**
 * Request hook, first step: the request's credential (session cookie, display cookie or
 * `Authorization: Bearer`) → `event.locals.principal`. A bearer token that matches nothing is
 * refused here (401); a missing credential is left to `authorize.ts`.
 */
import type { Handle } from '@sveltejs/kit';
import { bearerToken, DISPLAY_COOKIE, displayCookieOptions } from '../auth/authenticate';
import { routeAccess } from '../auth/policy';
import type { Principal } from '../auth/roles';
import { problem } from './problem';
import { refuse, withApp } from './refuse';

const identify = withApp(async (app, { event, resolve }) => {
	const access = routeAccess(event.route.id, event.request.method);
	let principal: Principal | null = null;
	// Sources authenticate in their route; a route nobody may use needs no credential.
	if (access !== undefined && access !== 'public' && access !== 'source') {
		const authorization = event.request.headers.get('authorization');
		try {
			principal = await app.authenticate({
				cookie: (name) => event.cookies.get(name),
				authorization
			});
		} catch (err) {
			app.logger.error({ err }, 'authentication failed');
			return problem(503, 'authentication is unavailable; retry shortly', {
				headers: { 'Retry-After': '5' }
			});
		}
		if (!principal && bearerToken(authorization) !== null) {
			return refuse(event, 401, 'invalid token');
		}
	} else if (access === 'public' && event.route.id !== '/healthz' && event.route.id !== '/readyz') {
		// Public pages (sign-in, enrolment) still want to know who is there.
		principal = await app
			.authenticate({ cookie: (name) => event.cookies.get(name), authorization: null })
			.catch(() => null);
	}
	event.locals.principal = principal;
	// A screen's credential never expires while it is in use: every request it makes renews the
	// cookie for another 400 days (the socket handshake does the same, realtime/attach.ts).
	// Revocation is on the server: the sweep cuts the screen's sockets within seconds.
	const display = principal?.kind === 'display' ? event.cookies.get(DISPLAY_COOKIE) : undefined;
	if (display) {
		event.cookies.set(
			DISPLAY_COOKIE,
			display,
			displayCookieOptions(event.url.protocol === 'https:')
		);
	}
	return resolve(event);
});

export const authenticate: Handle = (input) => {
	input.event.locals.principal = null;
	return identify(input);
};
