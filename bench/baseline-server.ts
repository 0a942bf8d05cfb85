/**
 * The baseline: a bare Socket.IO server on plain node:http — no SvelteKit, no validation, no
 * database, no metrics, no diffing. It accepts the same POSTs as the real ingest API, counts the
 * `call.offered` events in them and broadcasts a patch padded to the real server's median patch
 * size, so that the real server's latency divided by this one's isolates what the application
 * adds. Run as a child process (fork) with env BASELINE_MODE=coalesced|per-post and
 * BASELINE_PATCH_BYTES; it sends {type:'listening', port} over IPC. GET /stats answers the
 * process's CPU time (ms) and RSS (bytes).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const MODE = process.env.BASELINE_MODE === 'per-post' ? 'per-post' : 'coalesced';
const PATCH_BYTES = Number(process.env.BASELINE_PATCH_BYTES ?? 200);
/** The real server's spacing of pushes (contract: at most 10 a second). */
const PATCH_MIN_INTERVAL_MS = 100;

let offered = 0;
let seq = 1;
let lastPushAt = 0;
let timer: NodeJS.Timeout | undefined;

const snapshot = () => ({
	seq,
	at: new Date().toISOString(),
	calls: { all: { offeredToday: offered } }
});

/** A patch message whose JSON is about PATCH_BYTES long. */
function patchMessage() {
	const message = {
		seq: seq + 1,
		base: seq,
		patch: { at: new Date().toISOString(), calls: { all: { offeredToday: offered } }, pad: '' }
	};
	const size = Buffer.byteLength(JSON.stringify(message));
	message.patch.pad = 'x'.repeat(Math.max(0, PATCH_BYTES - size));
	return message;
}

const server = createServer((req, res) => {
	if (req.method === 'GET' && req.url === '/stats') {
		const cpu = process.cpuUsage();
		res.setHeader('content-type', 'application/json');
		res.end(
			JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss })
		);
		return;
	}
	if (req.method !== 'POST' || req.url !== '/api/v1/events') {
		res.statusCode = 404;
		res.end();
		return;
	}
	const chunks: Buffer[] = [];
	req.on('data', (c: Buffer) => chunks.push(c));
	req.on('end', () => {
		let events: Array<{ type?: unknown }>;
		try {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
			events = Array.isArray(body) ? body : [];
		} catch {
			res.statusCode = 400;
			res.end();
			return;
		}
		const n = events.filter((e) => e?.type === 'call.offered').length;
		offered += n;
		if (n > 0) changed();
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ accepted: events.length, duplicates: 0, rejected: [] }));
	});
});

const io = new Server(server, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 });
io.on('connection', (socket) => {
	socket.emit('snapshot', snapshot());
	socket.on('resync', () => socket.emit('snapshot', snapshot()));
});

function push() {
	timer = undefined;
	lastPushAt = performance.now();
	const message = patchMessage();
	seq = message.seq;
	io.emit('patch', message);
}

/** The real server's rule: push as soon as the last push is ≥ 100 ms old, else at last + 100 ms. */
function changed() {
	if (MODE === 'per-post') {
		push();
		return;
	}
	if (timer) return;
	const delay = Math.max(0, lastPushAt + PATCH_MIN_INTERVAL_MS - performance.now());
	timer = setTimeout(push, delay);
}

server.listen(0, '127.0.0.1', () => {
	process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => {
	void io.close();
	process.exit(0);
});
