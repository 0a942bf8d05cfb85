/**
 * Request hook step: cookies ride along on cross-site requests, so a state-changing request from
 * a browser must come from our own origin (or ALLOWED_ORIGINS); without an Origin header, Fetch
 * Metadata decides. Data sources (`source` routes: bearer token or signature, no cookies) are not
 * exposed to that and are left to their own authentication.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { originAllowed } from '../auth/authenticate';
import { routeAccess } from '../auth/policy';
import { refuse, withApp } from './refuse';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function crossSite(event: RequestEvent, allowed: readonly string[]): boolean {
	if (SAFE_METHODS.has(event.request.method)) return false;
	const origin = event.request.headers.get('origin');
	// "null" is what a browser sends under a no-referrer policy or from a sandbox: decide by
	// Fetch Metadata then.
	if (origin !== null && origin !== 'null') {
		return !originAllowed(origin, [event.url.origin], allowed);
	}
	const site = event.request.headers.get('sec-fetch-site');
	if (site !== null) return site !== 'same-origin' && site !== 'none';
	if (origin === 'null') return true;
	// No Origin and no Fetch Metadata: not a browser form or fetch; it carries cookies only if
	// a script put them there on purpose.
	return false;
}

export const origin = withApp((app, { event, resolve }) => {
	const access = routeAccess(event.route.id, event.request.method);
	if (access !== 'source' && crossSite(event, app.config.allowedOrigins)) {
		app.logger.warn(
			{
				origin: event.request.headers.get('origin'),
				own: event.url.origin,
				path: event.url.pathname
			},
			'cross-site request refused'
		);
		return refuse(event, 403, 'cross-site request refused');
	}
	return resolve(event);
});
