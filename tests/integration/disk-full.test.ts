/**
 * Issue 15 item 6: a full disk answers `503` with `Retry-After`, stores nothing of the refused
 * request, and the server takes events again by itself once space returns.
 *
 * The disk is a small tmpfs mounted for the test (the CI machine runs as root, as this one):
 * - PostgreSQL: a tablespace on it holds the temporary database, so a table that must grow
 *   fails with `53100 disk_full` while the server's own disk (and its WAL) is untouched;
 * - PGlite: DATA_DIR on it.
 * The space is taken by a filler file and given back by deleting it.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/lib/contract';
import { TEST_DATABASE_URL } from '../helpers/pg';
import { postEvents, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const mounts: string[] = [];

function mountTmpfs(sizeMb: number): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'hw-small-disk-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0777`, 'tmpfs', dir]);
	mounts.push(dir);
	return dir;
}

/** Writes a file until the disk is full; returns its path. */
function fill(dir: string): string {
	const file = path.join(dir, 'filler.bin');
	const fd = openSync(file, 'w');
	const chunk = Buffer.alloc(1 << 20);
	try {
		for (;;) writeSync(fd, chunk);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
		// The last partial megabyte too: byte by kilobyte until not one more fits.
		const small = Buffer.alloc(1024);
		try {
			for (;;) writeSync(fd, small);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
		}
	} finally {
		closeSync(fd);
	}
	return file;
}

afterAll(() => {
	for (const dir of mounts.reverse()) {
		try {
			execFileSync('umount', ['-l', dir]);
		} catch {
			// already unmounted
		}
		rmSync(dir, { recursive: true, force: true });
	}
});

/** `n` answered calls of queue `q`, ids from `tag`. */
function calls(tag: string, n: number, q: string) {
	const at = Date.now() - 60_000;
	return Array.from({ length: n }, (_, i) => [
		{ id: `${tag}-o-${i}`, type: 'call.offered', at, callId: `${tag}-${i}`, queue: q },
		{
			id: `${tag}-a-${i}`,
			type: 'call.answered',
			at: at + 5000,
			callId: `${tag}-${i}`,
			agentId: 'a1'
		}
	]).flat();
}

async function offered(s: ServerHandle, q: string): Promise<number | undefined> {
	const snap = (await (await fetch(`${s.url}/api/v1/snapshot`)).json()) as Snapshot;
	return snap.calls.byQueue[q]?.offeredToday;
}

async function scenario(s: ServerHandle, dir: string, q: string, stored: () => Promise<number>) {
	const first = calls(`${q}-1`, 50, q);
	expect((await postEvents(s.url, first)).status).toBe(200);
	const filler = fill(dir);
	// Enough rows that the tables must grow: refused whole, with a time to come back.
	const refused = calls(`${q}-2`, 3000, q);
	const res = await fetch(`${s.url}/api/v1/events`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${TEST_INGEST_TOKEN}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify(refused)
	});
	expect(res.status, await res.clone().text()).toBe(503);
	expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
	expect(await stored()).toBe(first.length); // nothing half-written
	expect(await offered(s, q)).toBe(50); // nor counted
	expect((await fetch(`${s.url}/healthz`)).status).toBe(200); // still up
	// Space returns: the sender's retry is taken in full, with nothing lost or doubled.
	rmSync(filler);
	const retried = await postEvents(s.url, refused);
	expect(retried).toMatchObject({ status: 200, body: { accepted: refused.length, duplicates: 0 } });
	expect(await stored()).toBe(first.length + refused.length);
	expect(await offered(s, q)).toBe(3050);
}

describe('a full disk', () => {
	it('on PostgreSQL: 503 with Retry-After, nothing half-written, taken again once space returns', async () => {
		const dir = mountTmpfs(64);
		const space = path.join(dir, 'pg');
		mkdirSync(space);
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		chownSync(space, uid, gid);
		const name = `hw_diskfull_${randomBytes(5).toString('hex')}`;
		const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
		await admin.connect();
		await admin.query(`CREATE TABLESPACE ${name} LOCATION '${space}'`);
		await admin.query(`CREATE DATABASE ${name} TABLESPACE ${name}`);
		const url = new URL(TEST_DATABASE_URL);
		url.pathname = `/${name}`;
		const c = new pg.Client({ connectionString: url.toString() });
		let s: ServerHandle | undefined;
		try {
			s = await startServer({ DATABASE_URL: url.toString(), WALLBOARD_TIMEZONE: 'UTC' });
			await c.connect();
			await scenario(s, dir, 'dfpg', async () =>
				Number((await c.query<{ n: string }>('select count(*) as n from events')).rows[0]?.n)
			);
			await s.stop();
			s = await startServer({ DATABASE_URL: url.toString(), WALLBOARD_TIMEZONE: 'UTC' });
			expect(await offered(s, 'dfpg')).toBe(3050); // durable: restored the same
		} finally {
			await s?.stop();
			await c.end().catch(() => {});
			await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.query(`DROP TABLESPACE IF EXISTS ${name}`);
			await admin.end();
		}
	}, 180_000);

	it('on PGlite: 503 with Retry-After, nothing half-written, taken again once space returns', async () => {
		const dir = mountTmpfs(160);
		const dataDir = path.join(dir, 'data');
		let s: ServerHandle | undefined;
		try {
			s = await startServer({ WALLBOARD_TIMEZONE: 'UTC' }, { dataDir, timeoutMs: 180_000 });
			const server = s;
			// Counted through the server's figures (two events per call); the restart below shows
			// that they are what the folder holds.
			await scenario(server, dir, 'dfpl', async () => ((await offered(server, 'dfpl')) ?? 0) * 2);
			await s.stop();
			s = await startServer({ WALLBOARD_TIMEZONE: 'UTC' }, { dataDir, timeoutMs: 180_000 });
			expect(await offered(s, 'dfpl')).toBe(3050);
		} finally {
			await s?.stop();
		}
	}, 300_000);
});
