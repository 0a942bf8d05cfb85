/**
 * The gate every request passes (hooks.server.ts): credential → `locals.principal`, then the
 * route's access from ROUTE_POLICY (deny by default), the cross-site check for state-changing
 * requests, and security headers on the way out. Kept out of hooks.server.ts so that file stays
 * a list of hooks.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { json } from '@sveltejs/kit';
import { bearerToken, originAllowed } from './authenticate';
import { decide, routeAccess, ROUTE_POLICY, type Access } from './policy';
import type { Principal } from './roles';
import { getApp } from '../runtime';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Largest body a page form or a JSON endpoint other than ingest accepts. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;

/** Where each kind of principal starts. */
export function homeOf(principal: Principal | null): string {
	switch (principal?.role) {
		case 'admin':
			return '/admin';
		case 'manager':
			return '/manager';
		case 'supervisor':
			return '/supervisor';
		default:
			return '/wall';
	}
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });

const isApi = (event: RequestEvent) =>
	event.url.pathname.startsWith('/api/') ||
	event.url.pathname === '/metrics' ||
	event.url.pathname.endsWith('/__data.json') ||
	!(event.request.headers.get('accept') ?? '').includes('text/html');

function refuse(event: RequestEvent, status: 401 | 403 | 405, message: string): Response {
	if (isApi(event)) {
		return json(
			{ error: message },
			{
				status,
				headers: status === 401 ? { 'WWW-Authenticate': 'Bearer realm="wallboard"' } : {}
			}
		);
	}
	const body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${status}</title><body style="font:18px system-ui;padding:2rem"><h1>${status}</h1><p>${message.replace(/[<&]/g, '')}</p><p><a href="/login">Sign in / 登录</a></p></body></html>`;
	return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * Cookies ride along on cross-site requests: a state-changing request from a browser must come
 * from our own origin (or ALLOWED_ORIGINS). Requests without cookies (data sources with a bearer
 * token or signature) are not exposed to that and are left to their own authentication.
 */
function crossSite(event: RequestEvent, allowed: readonly string[]): boolean {
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

export const guard: Handle = async ({ event, resolve }) => {
	event.locals.principal = null;
	const app = getApp();
	const access: Access | undefined = routeAccess(event.route.id, event.request.method);
	if (!app) {
		// Starting or stopping: the health probes answer for themselves; the rest waits.
		if (access === 'public') return resolve(event);
		return json(
			{ error: 'the server is starting or stopping; retry shortly' },
			{ status: 503, headers: { 'Retry-After': '2' } }
		);
	}

	if (event.route.id !== null && access === undefined) {
		if (ROUTE_POLICY[event.route.id]) {
			return refuse(event, 405, `${event.request.method} is not allowed here`);
		}
		app.logger.error({ route: event.route.id }, 'route has no access policy: refused');
		return refuse(event, 403, 'this route is not open to anyone');
	}

	let principal: Principal | null = null;
	if (access !== 'public' && access !== 'source' && event.route.id !== null) {
		const authorization = event.request.headers.get('authorization');
		try {
			principal = await app.authenticate({
				cookie: (name) => event.cookies.get(name),
				authorization
			});
		} catch (err) {
			app.logger.error({ err }, 'authentication failed');
			return json(
				{ error: 'authentication is unavailable; retry shortly' },
				{ status: 503, headers: { 'Retry-After': '5' } }
			);
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

	// Forms and JSON endpoints take small bodies; only the ingest route takes its own, larger limit
	// (adapter-node's BODY_SIZE_LIMIT stays the backstop for bodies sent without a length).
	if (access !== 'source') {
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > FORM_BODY_LIMIT_BYTES) {
			return json(
				{ error: `request body is larger than ${FORM_BODY_LIMIT_BYTES} bytes` },
				{ status: 413 }
			);
		}
	}

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

	if (event.route.id !== null && access !== undefined) {
		const openReads = access === 'live' && !principal ? await app.openReads() : false;
		const decision = decide(access, principal?.role ?? null, openReads);
		if (decision === 'unauthenticated') {
			if (!isApi(event) && event.request.method === 'GET') {
				const next = event.url.pathname + event.url.search;
				return seeOther(`/login?next=${encodeURIComponent(next)}`);
			}
			return refuse(event, 401, 'sign in first');
		}
		if (decision === 'forbidden') {
			if (principal?.kind === 'display' && !isApi(event)) return seeOther('/wall');
			return refuse(event, 403, `the ${principal?.role} role may not use this`);
		}
	}

	const response = await resolve(event);
	securityHeaders(response, event, principal);
	return response;
};
