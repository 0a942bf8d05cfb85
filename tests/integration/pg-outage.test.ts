/**
 * Probe finding b: the link to PostgreSQL is cut (a TCP proxy between the spawned server and the
 * database) while ~100 events/s arrive. The server must not crash ("Unhandled 'error' event" on
 * a checked-out client), must answer 503 with Retry-After while the link is down, recover by
 * itself, and every event answered 200 must be stored exactly once.
 */
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

function batch(n: number, size: number) {
	return Array.from({ length: size }, (_, i) => ({
		id: `outage-${n}-${i}`,
		type: 'call.offered',
		at: T0 + n * 100 + i,
		callId: `c-${n}-${i}`,
		queue: 'general'
	}));
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

describe('PostgreSQL link cut under load (finding b)', () => {
	it('answers 503 while down, does not crash, recovers, and stores each 200 event once', async () => {
		const answered = new Map<number, number>();
		const statuses = new Map<number, number>();
		let missingRetryAfter = 0;
		const inflight: Promise<void>[] = [];
		const started = Date.now();
		let n = 0;
		// 5 events every 50 ms; the link is cut for 1.5 s out of every 3 s, four times, so that
		// some cut lands while a client is checked out mid-transaction.
		let down = false;
		while (Date.now() - started < 13_000) {
			const elapsed = Date.now() - started;
			const shouldBeDown = elapsed > 1000 && elapsed < 12_000 && elapsed % 3000 < 1500;
			if (shouldBeDown !== down) {
				down = shouldBeDown;
				if (down) proxy.cut();
				else proxy.restore();
			}
			const k = n++;
			inflight.push(
				post(batch(k, 5)).then((r) => {
					answered.set(k, r.status);
					statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
					if (r.status === 503 && r.retryAfter === null) missingRetryAfter++;
				})
			);
			await sleep(50);
		}
		await Promise.all(inflight);
		expect(server.proc.exitCode, server.output().slice(-3000)).toBeNull();
		expect(server.proc.signalCode).toBeNull();
		expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
		expect(missingRetryAfter).toBe(0);
		expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]);

		// Recovered by itself: a contract-following sender retries what was not answered 200.
		for (const [k, status] of answered) {
			if (status === 200) continue;
			let r = await post(batch(k, 5));
			for (let i = 0; r.status !== 200 && i < 20; i++) {
				await sleep(500);
				r = await post(batch(k, 5));
			}
			expect(r.status).toBe(200);
		}

		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		try {
			const rows = await c.query<{ id: string; n: number }>(
				"select id, count(*)::int as n from events where id like 'outage-%' group by id"
			);
			const stored = new Map(rows.rows.map((r) => [r.id, r.n]));
			expect(stored.size).toBe(n * 5);
			expect([...stored.values()].every((v) => v === 1)).toBe(true);
		} finally {
			await c.end();
		}
	}, 120_000);
});
