/**
 * Issue 15 item 4: raw events older than EVENTS_RETENTION_DAYS leave the events table; the
 * history rollups stay, what the live figures still need stays whatever its age (an open call,
 * an undispatched ticket, each agent's latest state), and the live figures are the same after
 * a restart. On PostgreSQL (a temporary database) the rows are deleted; on PGlite they are
 * exported to DATA_DIR/archive first.
 *
 * A row leaves only when it was also stored before the horizon (it is the idempotency key): the
 * events are posted, the server stopped, and the rows' `received_at` moved back to their `at`,
 * as a year of live operation would have; then a start's first pass removes them. Old events
 * stored now stay, so a re-sent one is still a duplicate.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/lib/contract';
import { createTempDatabase } from '../helpers/pg';
import { removeDir, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const DAY = 86_400_000;
const now = Date.now();
const old = now - 500 * DAY;
const kept = now - 399 * DAY;

/** Hand-worked: five old rows can leave (c1 ×2, a1's first state, t1 ×2), the rest must stay. */
const EVENTS = [
	{ id: 'c1-o', type: 'call.offered', at: old, callId: 'c1', queue: 'ret' },
	{ id: 'c1-a', type: 'call.answered', at: old + 10_000, callId: 'c1', agentId: 'a1' },
	{ id: 'c2-o', type: 'call.offered', at: old, callId: 'c2', queue: 'ret' },
	{ id: 'a1-s1', type: 'agent.state', at: old, agentId: 'a1', state: 'available', team: 'ret' },
	{ id: 'a1-s2', type: 'agent.state', at: old + 3_600_000, agentId: 'a1', state: 'break' },
	{
		id: 't1-c',
		type: 'ticket.created',
		at: old,
		ticketId: 't1',
		category: 'general',
		kind: 'inquiry',
		district: '东城区'
	},
	{ id: 't1-d', type: 'ticket.dispatched', at: old + 60_000, ticketId: 't1', department: 'x' },
	{
		id: 't2-c',
		type: 'ticket.created',
		at: old,
		ticketId: 't2',
		category: 'general',
		kind: 'inquiry',
		district: '东城区'
	},
	{ id: 'c3-o', type: 'call.offered', at: now - 3_600_000, callId: 'c3', queue: 'ret' },
	{ id: 'c3-a', type: 'call.answered', at: now - 3_590_000, callId: 'c3', agentId: 'a1' },
	{ id: 'c4-o', type: 'call.offered', at: kept, callId: 'c4', queue: 'ret' },
	{ id: 'c4-a', type: 'call.answered', at: kept + 5000, callId: 'c4', agentId: 'a1' }
];
const LEAVE = ['c1-o', 'c1-a', 'a1-s1', 't1-c', 't1-d'];

async function post(url: string, events: unknown[]) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(events)
	});
	expect(res.status, await res.clone().text()).toBe(200);
	return (await res.json()) as { accepted: number };
}

async function snapshot(url: string): Promise<Snapshot> {
	return (await (await fetch(`${url}/api/v1/snapshot`)).json()) as Snapshot;
}

/** The figures that do not move with the clock. */
function figures(s: Snapshot) {
	const q = s.calls.byQueue.ret;
	return {
		waiting: q?.waiting,
		offeredToday: q?.offeredToday,
		answeredToday: q?.answeredToday,
		pending: s.tickets.pending,
		agents: s.agents
	};
}

/** Old events stored today: past the horizon by their time, not by when they were stored. */
const IMPORTED = [
	{ id: 'c9-o', type: 'call.offered', at: old, callId: 'c9', queue: 'imp' },
	{ id: 'c9-a', type: 'call.answered', at: old + 10_000, callId: 'c9', agentId: 'a9' }
];
/** Every row but the imported ones stored when it happened. */
const AGE_ROWS = `update events set received_at = at where id not like 'c9-%'`;

async function waitForLog(s: ServerHandle, text: string, ms = 30_000) {
	const until = Date.now() + ms;
	while (!s.output().includes(text) && Date.now() < until)
		await new Promise((r) => setTimeout(r, 250));
	return s.output().includes(text);
}

describe('retention on PostgreSQL', () => {
	let db: Awaited<ReturnType<typeof createTempDatabase>>;
	beforeAll(async () => {
		db = await createTempDatabase('hw_retention');
	});
	afterAll(async () => {
		await db?.drop();
	});

	it('removes what is past the retention, keeps rollups and what the live figures need', async () => {
		const env = { DATABASE_URL: db.url, WALLBOARD_TIMEZONE: 'UTC', EVENTS_RETENTION_DAYS: '400' };
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		const rollups = async () =>
			(
				await c.query<{ offered: string; answered: string }>(
					'select coalesce(sum(offered), 0)::text as offered, coalesce(sum(answered), 0)::text as answered from history_calls_daily'
				)
			).rows[0];
		const a = await startServer(env);
		let b: ServerHandle | undefined;
		try {
			expect((await post(a.url, [...EVENTS, ...IMPORTED])).accepted).toBe(
				EVENTS.length + IMPORTED.length
			);
			const before = figures(await snapshot(a.url));
			const rollupsBefore = await rollups();
			expect(rollupsBefore).toEqual({ offered: '5', answered: '4' });
			await a.stop();
			await c.query(AGE_ROWS);
			b = await startServer(env);
			expect(await waitForLog(b, 'retention: raw events removed')).toBe(true);
			const ids = (await c.query<{ id: string }>('select id from events order by id')).rows.map(
				(r) => r.id
			);
			expect(ids).toEqual(
				[...EVENTS, ...IMPORTED]
					.map((e) => e.id)
					.filter((id) => !LEAVE.includes(id))
					.sort()
			);
			expect(await rollups()).toEqual(rollupsBefore);
			// The old events stored today are still the idempotency key: a re-send changes nothing.
			expect(await post(b.url, IMPORTED)).toMatchObject({ accepted: 0 });
			expect(await rollups()).toEqual(rollupsBefore);
			const setting = await c.query<{ value: { prunedBefore: string } }>(
				"select value from settings where key = 'events.retention'"
			);
			expect(setting.rows[0]?.value.prunedBefore).toBeDefined();
			await b.stop();
			// Restored from what is left: the same live figures.
			b = await startServer(env);
			expect(figures(await snapshot(b.url))).toEqual(before);
		} finally {
			await a.stop();
			await b?.stop();
			await c.end();
		}
	}, 120_000);
});

describe('retention on PGlite', () => {
	it('exports the rows it removes to DATA_DIR/archive, one NDJSON file per month', async () => {
		const env = { WALLBOARD_TIMEZONE: 'UTC', EVENTS_RETENTION_DAYS: '400' };
		// PGlite's first start applies every migration: slow on a loaded machine.
		const a = await startServer(env, { timeoutMs: 180_000 });
		let b: ServerHandle | undefined;
		try {
			expect((await post(a.url, [...EVENTS, ...IMPORTED])).accepted).toBe(
				EVENTS.length + IMPORTED.length
			);
			const before = figures(await snapshot(a.url));
			await a.stop();
			const raw = await PGlite.create({ dataDir: a.dataDir });
			try {
				await raw.query(AGE_ROWS);
			} finally {
				await raw.close();
			}
			b = await startServer(env, { dataDir: a.dataDir, timeoutMs: 180_000 });
			expect(await waitForLog(b, 'retention: raw events removed')).toBe(true);
			const dir = path.join(a.dataDir, 'archive');
			expect(existsSync(dir)).toBe(true);
			const lines = readdirSync(dir).flatMap((f) =>
				readFileSync(path.join(dir, f), 'utf8').trim().split('\n')
			);
			expect(lines.map((l) => (JSON.parse(l) as { id: string }).id).sort()).toEqual(
				[...LEAVE].sort()
			);
			expect(await post(b.url, IMPORTED)).toMatchObject({ accepted: 0 });
			await b.stop();
			b = await startServer(env, { dataDir: a.dataDir, timeoutMs: 180_000 });
			expect(figures(await snapshot(b.url))).toEqual(before);
		} finally {
			await a.stop();
			await b?.stop();
			removeDir(a.dataDir);
		}
	}, 420_000);
});
