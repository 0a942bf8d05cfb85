/**
 * Hands the running application to SvelteKit's routes. The production entry (server.ts) and the
 * dev-server plugin create the app outside SvelteKit's module graph, so the routes' copy of this
 * module and theirs are different instances: the app travels through one global symbol.
 */
import type { App } from './app';

const KEY = Symbol.for('hotline-wallboard.app');
type Holder = { [KEY]?: App };

export function setApp(app: App | undefined): void {
	(globalThis as Holder)[KEY] = app;
}

/** The running app, or undefined while it is starting or after it stopped. */
export function getApp(): App | undefined {
	return (globalThis as Holder)[KEY];
}
