/**
 * A page or form action refused by a rate limit sets `locals.retryAfterSeconds`; this hook
 * answers it as `429 Too Many Requests` with `Retry-After`. SvelteKit answers an enhanced
 * (fetch) form action's failure with 200 and the status inside the JSON, and a page load has no
 * way to set its status without throwing: both keep their body, only the status and header change.
 */
import type { Handle } from '@sveltejs/kit';

export const retryAfter: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const seconds = event.locals.retryAfterSeconds;
	if (seconds === undefined) return response;
	const headers = new Headers(response.headers);
	headers.set('Retry-After', String(Math.max(1, Math.ceil(seconds))));
	return new Response(response.body, { status: 429, statusText: 'Too Many Requests', headers });
};
