/**
 * Alerts with two instances on one PostgreSQL and one Redis: the database is the truth. A breach
 * seen by both is raised once (the partial unique index), an acknowledgement on one shows on the
 * other's screens, and the clearing is stored once. A display revoked on one instance is cut off
 * on the other (through the Socket.IO Redis adapter).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertList } from '../../src/lib/contract';
import { authHeaders, enrolDisplay, formAction, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { createTempDatabase } from '../helpers/pg';
import {
	NO_ALERT_HOLDS,
	postEvents,
	removeDir,
	startServer,
	type ServerHandle
} from '../helpers/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hwtest:${randomBytes(4).toString('hex')}:`;
let db: { url: string; drop(): Promise<void> };
const servers: ServerHandle[] = [];

async function list(server: ServerHandle): Promise<AlertList> {
	const headers = await authHeaders(server, 'supervisor');
	return (await (await fetch(`${server.url}/api/v1/alerts`, { headers })).json()) as AlertList;
}

async function until<T>(
	f: () => Promise<T | undefined | null | false>,
	timeoutMs = 8000
): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await f();
		if (v) return v;
		if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function rows(key: string) {
	const c = new pg.Client({ connectionString: db.url });
	await c.connect();
	try {
		const r = await c.query<{ id: number; cleared_at: Date | null; acked_by: string | null }>(
			'select id, cleared_at, acked_by from alerts where key = $1 order by id',
			[key]
		);
		return r.rows;
	} finally {
		await c.end();
	}
}

beforeAll(async () => {
	db = await createTempDatabase('hw_alerts');
	for (let i = 0; i < 2; i++) {
		servers.push(
			await startServer({
				DATABASE_URL: db.url,
				REDIS_URL,
				REDIS_KEY_PREFIX: prefix,
				ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
				...NO_ALERT_HOLDS
			})
		);
	}
});

afterAll(async () => {
	for (const s of servers) {
		await s.stop().catch(() => {});
		removeDir(s.dataDir);
	}
	const r = createClient({ url: REDIS_URL });
	await r.connect();
	for await (const keys of r.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
		if (keys.length) await r.del(keys);
	}
	await r.quit();
	await db?.drop();
});

describe('alerts and revocation on two instances', () => {
	it('raise once, acknowledge on one and see it on the other, clear once', async () => {
		const [a, b] = servers as [ServerHandle, ServerHandle];
		const key = 'overdueEmergency:all';
		await postEvents(a.url, [
			{
				id: 'ai-t1',
				type: 'ticket.created',
				at: Date.now() - 65 * 60_000,
				ticketId: 'AI1',
				category: 'emergency',
				kind: 'help',
				district: '西城区'
			}
		]);
		const raised = await until(async () => (await list(b)).active.find((x) => x.key === key));
		await until(async () => (await list(a)).active.find((x) => x.id === raised.id));
		// Both instances evaluate every second: give them a few rounds to race.
		await new Promise((r) => setTimeout(r, 2500));
		expect((await rows(key)).length).toBe(1);

		const res = await fetch(`${b.url}/api/v1/alerts/${raised.id}/ack`, {
			method: 'POST',
			headers: await authHeaders(b, 'supervisor')
		});
		expect(res.status).toBe(200);
		await until(async () => (await list(a)).active.find((x) => x.id === raised.id && x.ackedBy));

		await postEvents(b.url, [
			{
				id: 'ai-d1',
				type: 'ticket.dispatched',
				at: Date.now(),
				ticketId: 'AI1',
				department: '应急办'
			}
		]);
		await until(async () => (await list(a)).recent.find((x) => x.id === raised.id));
		await new Promise((r) => setTimeout(r, 1500));
		const stored = await rows(key);
		expect(stored).toHaveLength(1);
		expect(stored[0]?.cleared_at).not.toBeNull();
		expect(stored[0]?.acked_by).toMatch(/.+/);
	});

	it('a display revoked on one instance is cut off on the other within 5 s', async () => {
		const [a, b] = servers as [ServerHandle, ServerHandle];
		const screen = await enrolDisplay(a, 'Cross-instance screen');
		const socket = io(b.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			extraHeaders: { cookie: screen.cookie }
		});
		await new Promise<void>((resolve, reject) => {
			socket.once('snapshot', () => resolve());
			socket.once('connect_error', reject);
		});
		const cut = new Promise<number>((resolve) =>
			socket.once('disconnect', () => resolve(performance.now()))
		);
		const started = performance.now();
		const admin = await authHeaders(a, 'admin');
		await formAction(a, admin.cookie!, '/admin/displays?/revoke', { id: screen.id });
		const at = await Promise.race([cut, new Promise<number>((r) => setTimeout(() => r(-1), 6000))]);
		socket.close();
		expect(at).toBeGreaterThan(0);
		console.log(`revoked on A, cut on B after ${Math.round(at - started)} ms`);
		expect(at - started).toBeLessThan(5000);
	});
});
