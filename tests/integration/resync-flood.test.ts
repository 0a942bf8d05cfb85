/**
 * Probe finding a: a `resync` flood from clients that never read must not pile up snapshots in
 * the server. Raw WebSocket clients speak engine.io/socket.io by hand, pause their own socket
 * (so nothing they are sent is read) and send 20,000 resyncs each; the server's RSS stays
 * bounded, /healthz answers throughout, and the flooding sockets are cut.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

const rssMb = (pid: number) => {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(m![1]) / 1024;
};

/** A socket.io client on a raw WebSocket: resolves once the namespace is joined. */
function openRaw(url: string): Promise<WebSocket> {
	const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
	return new Promise((resolve, reject) => {
		ws.on('error', reject);
		ws.on('message', (data) => {
			const text = data.toString();
			if (text.startsWith('0')) ws.send('40');
			else if (text.startsWith('40')) resolve(ws);
		});
	});
}

describe('a resync flood (finding a)', () => {
	it('keeps memory bounded, /healthz up, and cuts the flooding sockets', async () => {
		const pid = server.proc.pid!;
		const before = rssMb(pid);
		const sockets = await Promise.all([1, 2, 3, 4].map(() => openRaw(server.url)));
		const closed = sockets.map((ws) => new Promise<void>((r) => ws.once('close', () => r())));
		for (const ws of sockets) {
			// Stop reading: whatever the server sends stays in its own buffers.
			(ws as unknown as { _socket: { pause(): void } })._socket.pause();
			for (let i = 0; i < 20_000; i++) ws.send('42["resync"]');
		}
		let peak = before;
		let healthFailures = 0;
		const started = Date.now();
		while (Date.now() - started < 8000) {
			peak = Math.max(peak, rssMb(pid));
			const ok = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) })
				.then((r) => r.status === 200)
				.catch(() => false);
			if (!ok) healthFailures++;
			await new Promise((r) => setTimeout(r, 250));
		}
		expect(server.proc.exitCode).toBeNull();
		expect(healthFailures).toBe(0);
		expect(peak - before).toBeLessThan(200);
		// The server cut them (rate limit): resume reading so the close frame arrives.
		for (const ws of sockets) (ws as unknown as { _socket: { resume(): void } })._socket.resume();
		await Promise.race([
			Promise.all(closed),
			new Promise((_, reject) => setTimeout(() => reject(new Error('not cut')), 5000))
		]);
		expect(server.output()).toContain('resync flood');
	}, 60_000);
});
