import { error } from '@sveltejs/kit';
import type { App } from './app';
import { getApp } from './runtime';

/** For page loads and actions: the running app, or SvelteKit's 503 error page. */
export function appOr503(): App {
	const app = getApp();
	if (!app) error(503, 'the server is starting or stopping; retry shortly');
	return app;
}
