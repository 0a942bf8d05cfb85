/**
 * Probe finding b: the link to PostgreSQL is cut (a TCP proxy between the spawned server and the
 * database) while ~100 events/s arrive. The server must not crash ("Unhandled 'error' event" on
 * a checked-out client), must answer 503 with Retry-After while the link is down, recover by
 * itself, and every event answered 200 must be stored exactly once. `/readyz` answers 503 while
 * the link is down and 200 again once it is back (issue 15 item 3).
 *
 * The same again with a real restart of the PostgreSQL server (`pg_ctlcluster … stop -m fast`,
 * then `start`), where the machine allows it (root, Debian's cluster tools): it runs last in the
 * file and the server is back when it ends.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/pg';
import { startProxy, type Proxy } from '../helpers/proxy';
import { removeDir, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

let db: Awaited<ReturnType<typeof createTempDatabase>>;
let proxy: Proxy;
let server: ServerHandle;

beforeAll(async () => {
	db = await createTempDatabase('hw_outage');
	const url = new URL(db.url);
	proxy = await startProxy(Number(url.port || 5432), url.hostname);
	url.host = `127.0.0.1:${proxy.port}`;
	server = await startServer({ DATABASE_URL: url.toString() });
}, 90_000);
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
	await proxy?.close();
	await db?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T0 = Date.parse('2026-03-02T09:00:00Z');

function batch(tag: string, n: number, size: number) {
	return Array.from({ length: size }, (_, i) => ({
		id: `${tag}-${n}-${i}`,
		type: 'call.offered',
		at: T0 + n * 100 + i,
		callId: `${tag}-c-${n}-${i}`,
		queue: 'general'
	}));
}

async function readyz(): Promise<number> {
	const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(
		() => null
	);
	return res?.status ?? 0;
}

async function post(events: unknown[]) {
	const res = await fetch(`${server.url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(events),
		signal: AbortSignal.timeout(20_000)
	}).catch(() => null);
	if (!res) return { status: 0, retryAfter: null };
	await res.arrayBuffer();
	return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

/**
 * 5 events every 50 ms for `seconds`, while `isDown(elapsed)` says when the database should be
 * unreachable (`goDown` / `goUp` make it so); then the checks every case shares.
 */
async function outage(o: {
	tag: string;
	seconds: number;
	isDown: (elapsed: number) => boolean;
	goDown: () => Promise<void> | void;
	goUp: () => Promise<void> | void;
}) {
	const answered = new Map<number, number>();
	const statuses = new Map<number, number>();
	let missingRetryAfter = 0;
	const inflight: Promise<void>[] = [];
	const started = Date.now();
	let n = 0;
	let down = false;
	let downSince = 0;
	const readyWhileDown: Promise<number>[] = [];
	let lastReadyCheck = 0;
	while (Date.now() - started < o.seconds * 1000) {
		const elapsed = Date.now() - started;
		const shouldBeDown = o.isDown(elapsed);
		if (shouldBeDown !== down) {
			down = shouldBeDown;
			if (down) await o.goDown();
			else await o.goUp();
			downSince = Date.now();
		}
		// Asked half a second into an outage, when no pooled connection can have survived it, and
		// answered before the outage ends.
		if (down && Date.now() - downSince > 500 && Date.now() - lastReadyCheck > 400) {
			lastReadyCheck = Date.now();
			if (o.isDown(Date.now() - started + 500)) readyWhileDown.push(readyz());
		}
		const k = n++;
		inflight.push(
			post(batch(o.tag, k, 5)).then((r) => {
				answered.set(k, r.status);
				statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
				if (r.status === 503 && r.retryAfter === null) missingRetryAfter++;
			})
		);
		await sleep(50);
	}
	if (down) await o.goUp();
	await Promise.all(inflight);
	const downStatuses = await Promise.all(readyWhileDown);
	expect(downStatuses.length).toBeGreaterThan(0);
	expect(downStatuses.filter((x) => x !== 503)).toEqual([]);
	// Back by itself once the database is.
	let readyAfter = await readyz();
	for (let i = 0; readyAfter !== 200 && i < 80; i++) {
		await sleep(250);
		readyAfter = await readyz();
	}
	expect(readyAfter).toBe(200);
	expect(server.proc.exitCode, server.output().slice(-3000)).toBeNull();
	expect(server.proc.signalCode).toBeNull();
	expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
	expect(missingRetryAfter).toBe(0);
	expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]);

	// Recovered by itself: a contract-following sender retries what was not answered 200.
	for (const [k, status] of answered) {
		if (status === 200) continue;
		let r = await post(batch(o.tag, k, 5));
		for (let i = 0; r.status !== 200 && i < 20; i++) {
			await sleep(500);
			r = await post(batch(o.tag, k, 5));
		}
		expect(r.status).toBe(200);
	}

	const c = new pg.Client({ connectionString: db.url });
	await c.connect();
	try {
		const rows = await c.query<{ id: string; n: number }>(
			'select id, count(*)::int as n from events where id like $1 group by id',
			[`${o.tag}-%`]
		);
		const stored = new Map(rows.rows.map((r) => [r.id, r.n]));
		expect(stored.size).toBe(n * 5);
		expect([...stored.values()].every((v) => v === 1)).toBe(true);
	} finally {
		await c.end();
	}
}

/** The machine's PostgreSQL cluster, when this process may stop and start it. */
const cluster = (() => {
	if (process.getuid?.() !== 0 || !existsSync('/usr/bin/pg_ctlcluster')) return null;
	const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
	return versions.length === 1 ? { version: versions[0]!, name: 'main' } : null;
})();
const run = promisify(execFile);
async function pgctl(action: 'stop' | 'start') {
	const c = cluster!;
	await run('pg_ctlcluster', [
		'--skip-systemctl-redirect',
		c.version,
		c.name,
		action,
		...(action === 'stop' ? ['-m', 'fast'] : [])
	]);
}
async function postgresAccepts(): Promise<boolean> {
	const c = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: 1000 });
	try {
		await c.connect();
		await c.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await c.end().catch(() => undefined);
	}
}

describe('PostgreSQL outage under load (finding b, issue 15 item 3)', () => {
	it('link cut: answers 503 while down, does not crash, recovers, stores each 200 event once', async () => {
		// The link is cut for 1.5 s out of every 3 s, four times, so that some cut lands while a
		// client is checked out mid-transaction.
		await outage({
			tag: 'outage',
			seconds: 13,
			isDown: (t) => t > 1000 && t < 12_000 && t % 3000 < 1500,
			goDown: () => proxy.cut(),
			goUp: () => proxy.restore()
		});
	}, 120_000);

	it.runIf(cluster)(
		'real restart of the PostgreSQL server: the same, and the server comes back by itself',
		async () => {
			try {
				await outage({
					tag: 'restart',
					seconds: 10,
					isDown: (t) => t > 1000 && t < 5000,
					goDown: () => pgctl('stop'),
					goUp: () => pgctl('start')
				});
			} finally {
				// Whatever failed above, the machine's database server is left running.
				if (!(await postgresAccepts())) await pgctl('start').catch(() => undefined);
			}
		},
		120_000
	);
});
