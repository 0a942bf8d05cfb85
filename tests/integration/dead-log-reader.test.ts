/**
 * Item 5 of issue 15 (SIGTERM with a dead log reader): a server whose stdout reader has stopped
 * reading (a hung `| tee`) or has died (a killed `| cat`) must still stop within seconds of
 * SIGTERM. The server's stdout is a pipe into `cat`; cat is stopped or killed, the server is made
 * to log more than a pipe holds, then it is sent SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDataDir } from '../helpers/data-dir';
import { removeDir, TEST_INGEST_TOKEN } from '../helpers/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
	for (const p of started.splice(0))
		if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
	for (const d of dirs.splice(0)) removeDir(d);
});

const freePort = () =>
	new Promise<number>((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One warning line per request: a cross-site WebSocket upgrade is refused and logged. */
const crossSiteUpgrade = (port: number) =>
	new Promise<void>((resolve) => {
		const req = http.request({
			port,
			host: '127.0.0.1',
			path: '/socket.io/?EIO=4&transport=websocket',
			headers: { connection: 'Upgrade', upgrade: 'websocket', origin: 'http://evil.example' }
		});
		req.on('error', () => resolve());
		req.on('response', (res) => (res.resume(), resolve()));
		req.on('upgrade', (_res, socket) => (socket.destroy(), resolve()));
		req.end();
	});

async function serverLoggingInto(reader: 'stopped' | 'killed') {
	const cat = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
	started.push(cat);
	const port = await freePort();
	const dataDir = await testDataDir('hw-deadlog-');
	dirs.push(dataDir);
	const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			INGEST_TOKEN: TEST_INGEST_TOKEN,
			SIMULATE: '0'
		},
		stdio: ['ignore', cat.stdin!, 'ignore']
	});
	started.push(server);
	const exited = new Promise<number>((r) => server.once('exit', () => r(performance.now())));
	for (let i = 0; i < 600; i++) {
		const up = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (up) break;
		await sleep(100);
	}
	if (reader === 'stopped') cat.kill('SIGSTOP');
	else {
		cat.kill('SIGKILL');
		await new Promise((r) => cat.once('exit', r));
	}
	cat.stdin!.destroy(); // our copy of the pipe's write end
	// More than a pipe buffer (64 KiB) of log lines.
	for (let i = 0; i < 100; i++)
		await Promise.all(Array.from({ length: 10 }, () => crossSiteUpgrade(port)));
	return { server, exited };
}

describe('SIGTERM with a dead log reader (item 5)', () => {
	for (const reader of ['stopped', 'killed'] as const) {
		it(`stops within 5 s when the stdout reader is ${reader}`, async () => {
			const { server, exited } = await serverLoggingInto(reader);
			expect(server.exitCode).toBeNull();
			const sent = performance.now();
			server.kill('SIGTERM');
			const at = await Promise.race([exited, sleep(8000).then(() => Infinity)]);
			expect(at - sent).toBeLessThan(5000);
			expect(server.exitCode).toBe(0);
		}, 120_000);
	}
});
