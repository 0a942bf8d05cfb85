/**
 * Starts the application on an HTTP server: used by the production entry (server.ts, with
 * adapter-node's handler) and by the dev server's Vite plugin (with Vite's own server).
 */
import type { Server as HttpServer } from 'node:http';
import { createApp, type App } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { setApp } from './runtime';

export { ConfigError, loadConfig };
export type { App, Config };

export async function startApp(config: Config, httpServer: HttpServer): Promise<App> {
	const logger = createLogger(config.logLevel);
	const app = await createApp(config, { logger });
	app.attach(httpServer);
	setApp(app);
	return app;
}

export async function stopApp(app: App): Promise<void> {
	setApp(undefined);
	await app.close();
}
