import type { HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { authenticate } from '$lib/server/http/authenticate';
import { authorize, denyUnlisted } from '$lib/server/http/authorize';
import { bodyLimit } from '$lib/server/http/body-limit';
import { headers } from '$lib/server/http/headers';
import { origin } from '$lib/server/http/origin';
import { retryAfter } from '$lib/server/http/retry-after';
import { getApp } from '$lib/server/runtime';

/**
 * Every request, in this order: credential → locals.principal; a route with no access policy is
 * refused (deny by default); body size; the same-origin check for state-changing requests; the
 * route's access decision; security headers on the route's response; a rate-limited page or
 * form answered 429 with Retry-After.
 */
export const handle = sequence(
	authenticate,
	denyUnlisted,
	bodyLimit,
	origin,
	authorize,
	headers,
	retryAfter
);

/** Logs unexpected errors with context; the user sees a short message, never a stack. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const logger = getApp()?.logger;
	if (status >= 500) {
		if (logger) logger.error({ err: error, path: event.url.pathname }, 'unhandled error');
		else console.error(error);
	}
	return { message };
};
