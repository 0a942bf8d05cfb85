/**
 * The one way an API route reaches the running app: `withApp((app, event) => …)` answers `503`
 * with `Retry-After` while the app starts or stops, maps an UnavailableError (storage down,
 * shutting down) to `503`, and logs anything unexpected before answering `503` in the one error
 * shape, so a route holds only what is particular to it. SvelteKit's own `error()` and
 * `redirect()` pass through.
 */
import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import type { App } from '../app';
import { isUnavailable } from '../errors';
import { getApp } from '../runtime';
import { problem } from './problem';

export const RETRY_AFTER_SECONDS = 5;

export function unavailable(message: string, retryAfterSeconds = RETRY_AFTER_SECONDS): Response {
	return problem(503, message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
}

export function withApp<E extends RequestEvent>(
	handler: (app: App, event: E) => Response | Promise<Response>,
	/** What the log says when the handler fails (default: the route's path). */
	failure = 'request failed'
): (event: E) => Promise<Response> {
	return async (event) => {
		const app = getApp();
		if (!app) return unavailable('the server is starting or stopping; retry shortly', 2);
		try {
			return await handler(app, event);
		} catch (err) {
			if (isHttpError(err) || isRedirect(err)) throw err;
			if (isUnavailable(err)) return unavailable(err.message);
			app.logger.error({ err, path: event.url.pathname }, failure);
			return unavailable('the database is unavailable; retry shortly');
		}
	};
}
