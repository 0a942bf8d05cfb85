/**
 * Issue 15 item 2: Redis losing its memory loses no accepted event. Two instances on the real
 * Redis (keys under a random prefix) and a temporary PostgreSQL database; mid-traffic the
 * prefix's keys are deleted (what a Redis restart without persistence, or a FLUSHALL, does to
 * this deployment), and a reader that fell behind the stream's trim is made to miss entries.
 * Every event answered 200 must be in PostgreSQL exactly once, and both instances must come to
 * the figures recomputed from PostgreSQL (a third instance restored from the database alone)
 * by themselves, without a restart.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/lib/contract';
import { createTempDatabase } from '../helpers/pg';
import { startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hwtest:${randomBytes(4).toString('hex')}:`;
let db: { url: string; drop(): Promise<void> };
let redis: ReturnType<typeof createClient>;
const servers: ServerHandle[] = [];

async function start(env: Record<string, string> = {}): Promise<ServerHandle> {
	const s = await startServer({
		DATABASE_URL: db.url,
		REDIS_URL,
		REDIS_KEY_PREFIX: prefix,
		WALLBOARD_TIMEZONE: 'UTC',
		...env
	});
	servers.push(s);
	return s;
}

/** What Redis losing its memory does to this deployment: every key of the prefix is gone. */
async function forgetEverything(): Promise<number> {
	let n = 0;
	for await (const found of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
		if (found.length) n += await redis.del(found);
	}
	return n;
}

async function snapshot(url: string): Promise<Snapshot> {
	const res = await fetch(`${url}/api/v1/snapshot`);
	if (res.status !== 200) throw new Error(`snapshot: ${res.status} ${await res.text()}`);
	return (await res.json()) as Snapshot;
}

/** The figures that do not depend on the moment of the snapshot. */
function figures(s: Snapshot, queue: string) {
	const q = s.calls.byQueue[queue];
	return {
		waiting: q?.waiting ?? 0,
		offeredToday: q?.offeredToday ?? 0,
		answeredToday: q?.answeredToday ?? 0,
		abandonedToday: q?.abandonedToday ?? 0
	};
}

/** Call i of a run: offered; every third answered, every fifth (not answered) abandoned. */
function eventsOf(tag: string, i: number, queue: string) {
	const at = Date.now();
	const callId = `${tag}${i}`;
	const list: unknown[] = [{ id: `${callId}-o`, type: 'call.offered', at, callId, queue }];
	if (i % 3 === 0)
		list.push({ id: `${callId}-a`, type: 'call.answered', at: at + 1, callId, agentId: 'a1' });
	else if (i % 5 === 0)
		list.push({ id: `${callId}-x`, type: 'call.abandoned', at: at + 1, callId });
	return list;
}

async function post(url: string, events: unknown[]) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(events),
		signal: AbortSignal.timeout(5000)
	});
	return {
		status: res.status,
		body: (await res.json()) as { accepted: number; duplicates: number }
	};
}

/**
 * `total` calls at `rate`/s, one request each, alternating between the targets; a request not
 * answered 200 is re-sent (as a contract-following source does). Resolves to the event ids
 * answered 200 (accepted or duplicate).
 */
async function load(
	targets: string[],
	tag: string,
	queue: string,
	total: number,
	rate: number,
	onSecond: (s: number) => Promise<void> | void
): Promise<{ answered: Set<string>; retries: Record<string, number> }> {
	const answered = new Set<string>();
	const retries: Record<string, number> = {};
	const started = Date.now();
	const pending: Promise<void>[] = [];
	let lastSecond = -1;
	for (let i = 0; i < total; i++) {
		const wait = started + (i * 1000) / rate - Date.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const second = Math.floor((Date.now() - started) / 1000);
		if (second !== lastSecond) {
			lastSecond = second;
			await onSecond(second);
		}
		const events = eventsOf(tag, i, queue);
		pending.push(
			(async () => {
				for (let attempt = 0; attempt < 100; attempt++) {
					const r = await post(targets[(i + attempt) % targets.length]!, events).catch(() => null);
					if (r?.status === 200) {
						expect(r.body.accepted + r.body.duplicates).toBe(events.length);
						for (const e of events) answered.add((e as { id: string }).id);
						return;
					}
					const why = String(r?.status ?? 'no answer');
					retries[why] = (retries[why] ?? 0) + 1;
					await new Promise((r) => setTimeout(r, 100));
				}
				throw new Error(`call ${tag}${i} was never answered 200`);
			})()
		);
	}
	await Promise.all(pending);
	return { answered, retries };
}

async function stored(tag: string): Promise<Map<string, number>> {
	const c = new pg.Client({ connectionString: db.url });
	await c.connect();
	try {
		const r = await c.query<{ id: string; n: number }>(
			'select id, count(*)::int as n from events where id like $1 group by id',
			[`${tag}%`]
		);
		return new Map(r.rows.map((row) => [row.id, row.n]));
	} finally {
		await c.end();
	}
}

async function eventually<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
	const until = Date.now() + ms;
	let v = await f();
	while (!ok(v) && Date.now() < until) {
		await new Promise((r) => setTimeout(r, 200));
		v = await f();
	}
	return v;
}

/** The figures recomputed from PostgreSQL alone: an instance with no Redis, restored from it. */
async function recomputed(queue: string) {
	const fresh = await startServer({ DATABASE_URL: db.url, WALLBOARD_TIMEZONE: 'UTC' });
	try {
		return figures(await snapshot(fresh.url), queue);
	} finally {
		await fresh.stop();
	}
}

function expectStoredOnce(answered: Set<string>, rows: Map<string, number>) {
	const missing = [...answered].filter((id) => !rows.has(id));
	expect(missing.length, `answered 200 but not stored: ${missing.slice(0, 5).join(', ')}`).toBe(0);
	expect([...rows.values()].every((n) => n === 1)).toBe(true);
}

beforeAll(async () => {
	db = await createTempDatabase('hw_redis_loss');
	redis = createClient({ url: REDIS_URL });
	await redis.connect();
});

afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.stop().catch(() => null)));
});

afterAll(async () => {
	await forgetEverything();
	await redis?.quit();
	await db?.drop();
});

describe('Redis loses its memory (issue 15 item 2)', () => {
	it('keys deleted twice mid-traffic: every 200 stored once, both instances converge by themselves', async () => {
		const a = await start();
		const b = await start();
		let deleted = 0;
		const { answered, retries } = await load(
			[a.url, b.url],
			'mem-',
			'memq',
			600,
			150,
			async (s) => {
				if (s === 1 || s === 3) deleted += await forgetEverything();
			}
		);
		console.log(
			`memory loss run: ${answered.size} events answered 200, re-sends by status ${JSON.stringify(retries)}, ${deleted} keys deleted`
		);
		expect(deleted).toBeGreaterThan(0);
		// Stored before the 200: no waiting for a persister.
		expectStoredOnce(answered, await stored('mem-'));
		expect((await stored('mem-')).size).toBe(answered.size);

		const truth = await recomputed('memq');
		expect(truth.offeredToday).toBe(600);
		for (const s of [a, b]) {
			const got = await eventually(
				() => snapshot(s.url).then((x) => figures(x, 'memq')),
				(f) => JSON.stringify(f) === JSON.stringify(truth)
			);
			expect(got).toEqual(truth);
		}
		expect(a.output()).toContain('resynchronising');
		expect(b.output()).toContain('resynchronising');
	}, 120_000);

	it('a reader that fell behind the trim notices the gap and resynchronises', async () => {
		const a = await start();
		const b = await start();
		const warm = await post(a.url, eventsOf('gap-', 0, 'gapq'));
		expect(warm.status).toBe(200);
		await eventually(
			() => snapshot(b.url).then((x) => figures(x, 'gapq').offeredToday),
			(n) => n === 1
		);
		// B stops reading (a stalled process) while A accepts more; the stream is trimmed past
		// B's position before B reads again.
		b.proc.kill('SIGSTOP');
		const answered = new Set<string>(
			eventsOf('gap-', 0, 'gapq').map((e) => (e as { id: string }).id)
		);
		try {
			for (let i = 1; i <= 40; i++) {
				const events = eventsOf('gap-', i, 'gapq');
				expect((await post(a.url, events)).status).toBe(200);
				for (const e of events) answered.add((e as { id: string }).id);
			}
			await redis.sendCommand(['XTRIM', `${prefix}events`, 'MAXLEN', '0']);
			for (let i = 41; i <= 45; i++) {
				const events = eventsOf('gap-', i, 'gapq');
				expect((await post(a.url, events)).status).toBe(200);
				for (const e of events) answered.add((e as { id: string }).id);
			}
		} finally {
			b.proc.kill('SIGCONT');
		}
		expectStoredOnce(answered, await stored('gap-'));
		const truth = await recomputed('gapq');
		expect(truth.offeredToday).toBe(46);
		for (const s of [a, b]) {
			const got = await eventually(
				() => snapshot(s.url).then((x) => figures(x, 'gapq')),
				(f) => JSON.stringify(f) === JSON.stringify(truth)
			);
			expect(got).toEqual(truth);
		}
	}, 120_000);
});
