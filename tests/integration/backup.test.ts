/**
 * Issue 15 item 5: `npm run backup` copies the embedded database of a RUNNING server (it asks
 * the server, which holds the folder), `npm run restore` brings the copy back into an empty
 * DATA_DIR, and a server on the restored folder shows the same live figures and the same
 * history as the original did at the moment of the backup (events sent after it are absent).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/lib/contract';
import { removeDir, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const servers: ServerHandle[] = [];
afterAll(async () => {
	for (const s of servers) await s.stop();
	for (const d of dirs) removeDir(d);
});

const DAY = 86_400_000;
const now = Date.now();
function day(n: number, tag: string) {
	// Call i of day n: offered; answered after 20 s when i is even, abandoned after 40 s else.
	return Array.from({ length: 10 }, (_, i) => {
		const at = now - n * DAY - i * 60_000;
		const callId = `${tag}-${n}-${i}`;
		return [
			{ id: `${callId}-o`, type: 'call.offered', at, callId, queue: 'bk' },
			i % 2 === 0
				? { id: `${callId}-a`, type: 'call.answered', at: at + 20_000, callId, agentId: 'a1' }
				: { id: `${callId}-x`, type: 'call.abandoned', at: at + 40_000, callId }
		];
	}).flat();
}

async function post(url: string, events: unknown[]) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(events)
	});
	expect(res.status).toBe(200);
}

async function figures(url: string) {
	const s = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as Snapshot;
	const q = s.calls.byQueue.bk;
	const from = new Date(now - 5 * DAY).toISOString().slice(0, 10);
	const to = new Date(now).toISOString().slice(0, 10);
	const history = await (await fetch(`${url}/api/v1/history/daily?from=${from}&to=${to}`)).json();
	return {
		live: {
			offeredToday: q?.offeredToday,
			answeredToday: q?.answeredToday,
			abandonedToday: q?.abandonedToday,
			answered24h: q?.answered24h,
			abandoned24h: q?.abandoned24h
		},
		history
	};
}

const script = (name: string, args: string[], dataDir: string) =>
	run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
		timeout: 300_000
	});

describe('backup and restore of the embedded database', () => {
	it('backs up a running server and restores the same figures', async () => {
		const env = { WALLBOARD_TIMEZONE: 'UTC' };
		const a = await startServer(env, { timeoutMs: 180_000 });
		servers.push(a);
		dirs.push(a.dataDir, `${a.dataDir}.backups`);
		for (let n = 0; n < 4; n++) await post(a.url, day(n, 'before'));
		const atBackup = await figures(a.url);
		expect(atBackup.live.offeredToday).toBeGreaterThan(0);
		const out = path.join(mkdtempSync(path.join(tmpdir(), 'hw-backup-')), 'copy.tar.gz');
		dirs.push(path.dirname(out));
		const backup = await script('backup', ['--out', out], a.dataDir);
		expect(backup.stdout).toContain('asked the running server');
		expect(existsSync(out)).toBe(true);
		expect(a.output()).toContain('backup written');
		// Events after the backup are not in it.
		await post(a.url, day(0, 'after'));
		expect(await figures(a.url)).not.toEqual(atBackup);
		await a.stop();

		const target = mkdtempSync(path.join(tmpdir(), 'hw-restored-'));
		dirs.push(target);
		const restored = await script('restore', [out], target);
		expect(restored.stdout).toContain(`: 80 events`);
		// A folder that holds a database is refused without --force.
		await expect(script('restore', [out], target)).rejects.toThrow(/holds a database/);
		const b = await startServer(env, { dataDir: target, timeoutMs: 180_000 });
		servers.push(b);
		expect(await figures(b.url)).toEqual(atBackup);
	}, 600_000);
});
