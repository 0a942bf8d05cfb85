/**
 * How the request hooks say no: a `problem()` JSON body to API and data requests, a short HTML
 * page (with a sign-in link) to a browser asking for a page. Also the hooks' shared guard for
 * the time the app is starting or stopping.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { App } from '../app';
import { routeAccess } from '../auth/policy';
import { getApp } from '../runtime';
import { problem } from './problem';

export const isApi = (event: RequestEvent) =>
	event.url.pathname.startsWith('/api/') ||
	event.url.pathname === '/metrics' ||
	event.url.pathname.endsWith('/__data.json') ||
	!(event.request.headers.get('accept') ?? '').includes('text/html');

export function refuse(event: RequestEvent, status: 401 | 403 | 405, message: string): Response {
	if (isApi(event)) {
		return problem(status, message, {
			headers: status === 401 ? { 'WWW-Authenticate': 'Bearer realm="wallboard"' } : {}
		});
	}
	const body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${status}</title><body style="font:18px system-ui;padding:2rem"><h1>${status}</h1><p>${message.replace(/[<&]/g, '')}</p><p><a href="/login">Sign in / 登录</a></p></body></html>`;
	return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

export const seeOther = (location: string) =>
	new Response(null, { status: 303, headers: { location } });

/**
 * A hook step that needs the running app. While it is starting or stopping the health probes
 * and other public routes pass through untouched (no step runs) and everything else waits (503).
 */
export function withApp(
	step: (app: App, input: Parameters<Handle>[0]) => ReturnType<Handle>
): Handle {
	return (input) => {
		const app = getApp();
		if (app) return step(app, input);
		if (routeAccess(input.event.route.id, input.event.request.method) === 'public') {
			return input.resolve(input.event);
		}
		return problem(503, 'the server is starting or stopping; retry shortly', {
			headers: { 'Retry-After': '2' }
		});
	};
}
