import type { HandleServerError } from '@sveltejs/kit';
import { guard } from '$lib/server/auth/guard';
import { getApp } from '$lib/server/runtime';

/** Credential → locals.principal, the route's access (deny by default), security headers. */
export const handle = guard;

/** Logs unexpected errors with context; the user sees a short message, never a stack. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const logger = getApp()?.logger;
	if (status >= 500) {
		if (logger) logger.error({ err: error, path: event.url.pathname }, 'unhandled error');
		else console.error(error);
	}
	return { message };
};
