/**
 * Request hook, last step: security headers on the response the route produced (a header the
 * route set itself is kept). Refusals from the earlier steps go out without them, as before.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Principal } from '../auth/roles';
import { withApp } from './refuse';

function securityHeaders(response: Response, event: RequestEvent, principal: Principal | null) {
	const h = response.headers;
	const set = (k: string, v: string) => {
		if (!h.has(k)) h.set(k, v);
	};
	try {
		set('X-Content-Type-Options', 'nosniff');
		set('Referrer-Policy', 'same-origin');
		set('X-Frame-Options', 'DENY');
		set('Cross-Origin-Opener-Policy', 'same-origin');
		set('Cross-Origin-Resource-Policy', 'same-origin');
		set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
		if (event.url.protocol === 'https:') {
			set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
		}
		if (principal && (h.get('content-type') ?? '').startsWith('text/html')) {
			set('Cache-Control', 'private, no-store');
		}
	} catch {
		// immutable headers (a fetched response passed through): leave them
	}
}

export const headers = withApp(async (_app, { event, resolve }) => {
	const response = await resolve(event);
	securityHeaders(response, event, event.locals.principal);
	return response;
});
