/**
 * Request hook steps that apply ROUTE_POLICY (policy.ts), deny by default: `denyUnlisted` refuses
 * a route or method with no entry before anything else looks at the request; `authorize`, after
 * the body and origin checks, lets the principal through or sends it to sign in (pages) or
 * answers 401/403 (API and data requests).
 */
import { DISPLAY_COOKIE } from '../auth/authenticate';
import { decide, routeAccess, ROUTE_POLICY } from '../auth/policy';
import { refuse, seeOther, withApp, isApi } from './refuse';

export const denyUnlisted = withApp((app, { event, resolve }) => {
	const access = routeAccess(event.route.id, event.request.method);
	if (event.route.id !== null && access === undefined) {
		if (ROUTE_POLICY[event.route.id]) {
			return refuse(event, 405, `${event.request.method} is not allowed here`);
		}
		app.logger.error({ route: event.route.id }, 'route has no access policy: refused');
		return refuse(event, 403, 'this route is not open to anyone');
	}
	return resolve(event);
});

export const authorize = withApp(async (app, { event, resolve }) => {
	const access = routeAccess(event.route.id, event.request.method);
	// No route (a 404) is SvelteKit's to answer.
	if (event.route.id === null || access === undefined) return resolve(event);
	const principal = event.locals.principal;
	const openReads = access === 'live' && !principal ? await app.openReads() : false;
	const decision = decide(access, principal?.role ?? null, openReads);
	if (decision === 'unauthenticated') {
		if (!isApi(event) && event.request.method === 'GET') {
			const next = event.url.pathname + event.url.search;
			// A browser that was a screen (its display credential no longer counts: revoked) is a
			// screen still: it gets the screen's notice and the enrolment form, not a staff sign-in.
			if (access === 'live' && event.cookies.get(DISPLAY_COOKIE)) {
				const lang = event.url.searchParams.get('lang');
				const query = new URLSearchParams({ ...(lang ? { lang } : {}), next });
				return seeOther(`/enrol?${query.toString()}`);
			}
			return seeOther(`/login?next=${encodeURIComponent(next)}`);
		}
		return refuse(event, 401, 'sign in first');
	}
	if (decision === 'forbidden') {
		if (principal?.kind === 'display' && !isApi(event)) return seeOther('/wall');
		return refuse(event, 403, `the ${principal?.role} role may not use this`);
	}
	return resolve(event);
});
