/**
 * Production entry: adapter-node's handler and Socket.IO on one HTTP server and one port.
 * Run with `npm start` (node --import tsx server.ts) after `npm run build`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ConfigError, loadConfig, startApp, stopApp } from './src/lib/server/start';

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
const handlerUrl = pathToFileURL(path.resolve('build/handler.js')).href;
const { handler } = (await import(handlerUrl).catch((err: unknown) => {
	process.stderr.write(
		`Cannot load build/handler.js: run "npm run build" first.\n${String(err)}\n`
	);
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

server.listen(config.port, config.host, () => {
	const { port } = server.address() as AddressInfo;
	const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
	running.logger.info({ port, url: `http://${shown}:${port}/` }, 'listening');
	process.stdout.write(`\n  Hotline Wallboard is up: http://${shown}:${port}/\n\n`);
	running.startBackground();
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
