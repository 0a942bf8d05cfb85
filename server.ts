/**
 * Production entry: adapter-node's handler and Socket.IO on one HTTP server and one port.
 * Run with `npm start` (node --import tsx server.ts) after `npm run build`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { writeRaw } from './src/lib/server/logger';
import { ConfigError, loadConfig, startApp, stopApp } from './src/lib/server/start';

// A log reader that went away (EPIPE on a dead `| tee`) must not crash the server or keep it
// from stopping; the logger (logger.ts) drops what it cannot write.
process.stdout.on('error', () => {});

let config;
try {
	config = loadConfig(process.env);
} catch (err) {
	if (err instanceof ConfigError) {
		process.stderr.write(`${err.message}\n`);
		process.exit(2);
	}
	throw err;
}

// Routes enforce their own, smaller limits with a JSON 413 that names them (the ingest route:
// INGEST_BODY_LIMIT_BYTES); adapter-node's limit stays as a backstop for every other route.
process.env.BODY_SIZE_LIMIT ??= String(Math.max(2 * config.ingestBodyLimitBytes, 1024 * 1024));
// adapter-node takes a request for https:// unless ORIGIN or PROTOCOL_HEADER says otherwise; then
// session cookies would be marked Secure and the origin check would compare against https:// on
// a plain-HTTP install. Without either variable, the protocol is the connection's own (set by us,
// overwriting whatever a client sent). Behind a TLS proxy set ORIGIN or PROTOCOL_HEADER.
const OWN_PROTOCOL_HEADER = 'x-hotline-wallboard-protocol';
const ownProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownProtocol) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;
// HW_BUILD_DIR: the folder `npm run build` wrote with the same variable (svelte.config.js).
const handlerFile = path.join(process.env.HW_BUILD_DIR || 'build', 'handler.js');
const handlerUrl = pathToFileURL(path.resolve(handlerFile)).href;
const { handler } = (await import(handlerUrl).catch((err: unknown) => {
	process.stderr.write(`Cannot load ${handlerFile}: run "npm run build" first.\n${String(err)}\n`);
	process.exit(1);
})) as { handler: (req: unknown, res: unknown, next?: () => void) => void };

const server = createServer((req, res) => {
	if (ownProtocol) req.headers[OWN_PROTOCOL_HEADER] = 'encrypted' in req.socket ? 'https' : 'http';
	handler(req, res);
});
let app;
try {
	app = await startApp(config, server);
} catch (err) {
	process.stderr.write(`Start failed: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
}
const running = app;

/** The listening address as this process can reach it (a wildcard address is reached on loopback). */
const reachable = (host: string) =>
	host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host;

/**
 * Resolves once the server answers its own /healthz: the moment a person opening the printed
 * address gets a page (listening alone is not that: the simulator's first catch-up keeps the
 * process busy for seconds right after `listen`). Tries every 100 ms.
 */
async function serving(url: string): Promise<void> {
	for (;;) {
		if (stopping) return;
		const ok = await fetch(url, { signal: AbortSignal.timeout(30_000) }).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 100));
	}
}

server.listen(config.port, config.host, () => {
	const { port } = server.address() as AddressInfo;
	const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	running.logger.info({ port, url: `http://${shown}:${port}/` }, 'listening');
	if (config.simulate.enabled) {
		writeRaw(
			running.logger,
			`\n  Hotline Wallboard is starting: replaying today's simulated traffic…\n`
		);
	}
	void running
		.startBackground()
		.then(() => serving(`http://${reachable(config.host)}:${port}/healthz`))
		.then(() => {
			if (stopping) return;
			running.logger.info({ port }, 'serving');
			writeRaw(running.logger, `\n  Hotline Wallboard is up: http://${shown}:${port}/\n\n`);
		});
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	running.logger.info({ signal }, 'shutting down');
	const forced = setTimeout(() => {
		running.logger.error('shutdown took longer than 10 s; exiting');
		process.exit(1);
	}, 10_000);
	forced.unref();
	server.close();
	server.closeIdleConnections();
	await stopApp(running);
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
