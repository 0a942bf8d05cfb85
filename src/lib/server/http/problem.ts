/**
 * The one error shape of every API answer that is not a success: `{message, ...details}` with
 * the status (and headers such as `Retry-After`). SvelteKit's own `error()` answers API requests
 * with `{message}` too, so a browser reads one field whatever produced the error.
 */
import { json } from '@sveltejs/kit';

export function problem(
	status: number,
	message: string,
	init: { headers?: Record<string, string>; details?: Record<string, unknown> } = {}
): Response {
	return json({ ...init.details, message }, { status, headers: init.headers });
}
