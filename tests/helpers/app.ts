/**
 * The app assembled in the test process, as socket.io's basic-crud-application tests do:
 * `createApp` on a temporary PGlite folder (or the given DATABASE_URL), the built SvelteKit
 * handler (`build/handler.js`, so `npm run build` first) and Socket.IO on one HTTP server on port
 * 0 — the production entry's wiring without the process around it. Cheaper than spawning a
 * server; the spawned tests (helpers/server.ts) remain for what needs a process (signals,
 * kill -9, stdout, several instances).
 *
 * One app per test process at a time: the routes reach the app through one global (runtime.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp, type App } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { createLogger } from '../../src/lib/server/logger';
import { setApp } from '../../src/lib/server/runtime';
import { testDataDir } from './data-dir';
import { removeDir, TEST_INGEST_TOKEN } from './server';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** As server.ts does on a plain-HTTP install: the connection's own protocol. */
const PROTOCOL_HEADER = 'x-hotline-wallboard-protocol';

export type AppHandle = {
	url: string;
	port: number;
	app: App;
	dataDir: string;
	/** The app's log lines so far (pino JSON, one a line). */
	output: () => string;
	/** Closes the app, then the HTTP server; resolves to 0 like a clean exit. */
	stop(): Promise<number>;
};

type Handler = (req: unknown, res: unknown) => void;
let handler: Promise<Handler> | undefined;

async function loadHandler(): Promise<Handler> {
	process.env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;
	process.env.BODY_SIZE_LIMIT ??= String(20 * 1024 * 1024);
	const url = pathToFileURL(path.join(ROOT, 'build', 'handler.js')).href;
	const mod = (await import(/* @vite-ignore */ url)) as { handler: Handler };
	return mod.handler;
}

export async function startApp(
	env: Record<string, string> = {},
	opts: { dataDir?: string; now?: () => number } = {}
): Promise<AppHandle> {
	handler ??= loadHandler();
	const handle = await handler;
	const dataDir = opts.dataDir ?? (await testDataDir('hw-app-'));
	const config = loadConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		INGEST_TOKEN: TEST_INGEST_TOKEN,
		SIMULATE: '0',
		LOG_LEVEL: 'info',
		...env
	});
	let out = '';
	const logger = createLogger(config.logLevel, { write: (line) => void (out += line) });
	const app = await createApp(config, { logger, ...(opts.now ? { now: opts.now } : {}) });
	const server = createServer((req, res) => {
		req.headers[PROTOCOL_HEADER] = 'http';
		handle(req, res);
	});
	app.attach(server);
	setApp(app);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	void app.startBackground();
	const { port } = server.address() as AddressInfo;
	let stopped: Promise<number> | undefined;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		app,
		dataDir,
		output: () => out,
		stop() {
			stopped ??= (async () => {
				setApp(undefined);
				server.closeIdleConnections();
				await app.close();
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
				return 0;
			})();
			return stopped;
		}
	};
}

export { removeDir };
