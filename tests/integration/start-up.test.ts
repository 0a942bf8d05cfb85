/**
 * `npm run demo`'s first minute: "Hotline Wallboard is up" is printed only once the server
 * answers, after the simulator has replayed the day so far (which keeps the process busy for
 * seconds after `listen`), so the address it prints works at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle | undefined;
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

it('prints "is up" after the replay caught up, and the printed address answers at once', async () => {
	// An empty folder, as on a fresh machine: initdb and the migrations are part of the minute.
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hw-first-start-'));
	server = await startServer({ SIMULATE: '1' }, { timeoutMs: 170_000, dataDir });
	const s = server;
	const upAt = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no "is up" line:\n${s.output()}`)), 170_000);
		const check = () => {
			if (/Hotline Wallboard is up: http:\/\//.test(s.output())) {
				clearTimeout(timer);
				s.proc.stdout!.off('data', check);
				resolve(Date.now());
			}
		};
		s.proc.stdout!.on('data', check);
		check();
	});
	const out = s.output();
	const upIndex = out.indexOf('Hotline Wallboard is up');
	const caughtUp = out.indexOf('simulator caught up with the clock');
	expect(caughtUp).toBeGreaterThan(-1);
	expect(caughtUp).toBeLessThan(upIndex);
	expect(out.indexOf('"msg":"serving"')).toBeLessThan(upIndex);
	const url = /is up: (http:\/\/\S+)/.exec(out)![1]!.replace('localhost', '127.0.0.1');
	const res = await fetch(`${url}healthz`);
	expect(res.status).toBe(200);
	// Answered within a couple of seconds even on a loaded CI machine (it took 13 s before).
	expect(Date.now() - upAt).toBeLessThan(3000);
}, 200_000);
