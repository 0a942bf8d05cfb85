/** Small helpers shared by the API routes. */
import { json } from '@sveltejs/kit';
import type { App } from './app';
import { getApp } from './runtime';

export function problem(status: number, message: string, headers: Record<string, string> = {}) {
	return json({ error: message }, { status, headers });
}

/** The running app, or a 503 response while it starts or stops. */
export function requireApp(): App | Response {
	return (
		getApp() ??
		problem(503, 'the server is starting or stopping; retry shortly', { 'Retry-After': '2' })
	);
}
