/**
 * Several instances on one Redis and one PostgreSQL behave as one wallboard: the same numbers
 * everywhere, nothing lost, nothing counted twice — also when an instance is killed or Redis is
 * cut off mid-load. Real Redis (TEST_REDIS_URL) and PostgreSQL (TEST_DATABASE_URL), ephemeral
 * ports, keys under a prefix of their own that the tests delete.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/lib/contract';
import { createTempDatabase } from '../helpers/pg';
import { startProxy, type Proxy } from '../helpers/proxy';
import { startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';
import { connectLive, normalise } from '../helpers/socket';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hwtest:${randomBytes(4).toString('hex')}:`;
let db: { url: string; drop(): Promise<void> };
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

async function snapshot(url: string): Promise<Snapshot> {
	const res = await fetch(`${url}/api/v1/snapshot`);
	if (res.status !== 200) throw new Error(`snapshot: ${res.status} ${await res.text()}`);
	return (await res.json()) as Snapshot;
}

function offered(id: string, queue: string) {
	return { id, type: 'call.offered', at: Date.now(), callId: id, queue };
}

async function post(url: string, events: unknown[]) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(events),
		signal: AbortSignal.timeout(5000)
	});
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

async function storedCount(idPrefix: string): Promise<number> {
	const c = new pg.Client({ connectionString: db.url });
	await c.connect();
	try {
		const r = await c.query<{ n: number }>(
			'select count(*)::int as n from events where id like $1',
			[`${idPrefix}%`]
		);
		return r.rows[0]!.n;
	} finally {
		await c.end();
	}
}

async function eventually<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
	const until = Date.now() + ms;
	let v = await f();
	while (!ok(v) && Date.now() < until) {
		await new Promise((r) => setTimeout(r, 200));
		v = await f();
	}
	return v;
}

/**
 * A source that sends `total` events at `rate`/s, one per request, round-robin over `targets`
 * (a function, so the set can change), and re-sends on an error or a 503 — as a real source
 * does — until each is answered 200 as accepted or duplicate.
 */
async function load(
	targets: () => string[],
	idPrefix: string,
	queue: string,
	total: number,
	rate: number,
	onSecond?: (s: number) => void
) {
	const outcomes = { accepted: 0, duplicates: 0, refused503: 0, errors: 0, retryAfterSeen: false };
	const started = Date.now();
	const pending: Promise<void>[] = [];
	let lastSecond = -1;
	for (let i = 0; i < total; i++) {
		const due = started + (i * 1000) / rate;
		const wait = due - Date.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const second = Math.floor((Date.now() - started) / 1000);
		if (second !== lastSecond) {
			lastSecond = second;
			onSecond?.(second);
		}
		const event = offered(`${idPrefix}${i}`, queue);
		pending.push(
			(async () => {
				for (let attempt = 0; attempt < 200; attempt++) {
					const list = targets();
					const url = list[(i + attempt) % list.length]!;
					try {
						const r = await post(url, [event]);
						if (r.status === 200) {
							if (r.body.accepted === 1) outcomes.accepted++;
							else if (r.body.duplicates === 1) outcomes.duplicates++;
							else throw new Error(`unexpected ${JSON.stringify(r.body)}`);
							return;
						}
						if (r.status === 503) {
							outcomes.refused503++;
							if (r.retryAfter) outcomes.retryAfterSeen = true;
						} else throw new Error(`status ${r.status}`);
					} catch (err) {
						if (String(err).includes('unexpected')) throw err;
						outcomes.errors++;
					}
					await new Promise((r) => setTimeout(r, 100));
				}
				throw new Error(`event ${event.id} was never accepted`);
			})()
		);
	}
	await Promise.all(pending);
	return outcomes;
}

beforeAll(async () => {
	db = await createTempDatabase('hw_redis');
});

afterAll(async () => {
	for (const s of servers) await s.stop().catch(() => {});
	const r = createClient({ url: REDIS_URL });
	await r.connect();
	for await (const keys of r.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
		if (keys.length) await r.del(keys);
	}
	await r.quit();
	await db?.drop();
});

describe('two instances on Redis', () => {
	it('an event posted to A reaches a client of B within 250 ms; A and B serve the same', async () => {
		const a = await start();
		const b = await start();
		const client = await connectLive(b.url);
		try {
			// Spaced 150 ms apart, past the 100 ms coalescing window, so each figure is the path
			// alone: POST to A (or to B itself, for comparison) → patch received by B's client.
			const measure = async (target: string, tag: string, queue: string) => {
				const latencies: number[] = [];
				for (let i = 0; i < 20; i++) {
					await new Promise((r) => setTimeout(r, 150));
					const t0 = performance.now();
					const r = await post(target, [offered(`${tag}-${i}`, queue)]);
					expect(r.status).toBe(200);
					await client.waitFor((s) => s.calls.byQueue[queue]?.offeredToday === i + 1, 2000);
					latencies.push(performance.now() - t0);
				}
				latencies.sort((x, y) => x - y);
				return { p50: latencies[10]!, p99: latencies[19]! };
			};
			const single = await measure(b.url, 'bb', 'single');
			const cross = await measure(a.url, 'ab', 'cross');
			console.log(
				`ingest→push ms (20 events each, same run): single instance p50 ${single.p50.toFixed(1)} p99/max ${single.p99.toFixed(1)}; cross-instance p50 ${cross.p50.toFixed(1)} p99/max ${cross.p99.toFixed(1)}`
			);
			expect(cross.p99).toBeLessThan(250);
			expect(
				await eventually(
					() => storedCount('bb-'),
					(n) => n === 20
				)
			).toBe(20);
			// The same id sent to the other instance is a duplicate there.
			expect((await post(b.url, [offered('ab-0', 'cross')])).body).toMatchObject({
				accepted: 0,
				duplicates: 1
			});
			const [sa, sb] = await Promise.all([snapshot(a.url), snapshot(b.url)]);
			const strip = (s: Snapshot) => {
				const { at: _a, seq: _s, ...rest } = normalise(s) as Snapshot;
				return rest;
			};
			expect(strip(sa)).toEqual(strip(sb));
			expect(
				await eventually(
					() => storedCount('ab-'),
					(n) => n === 20
				)
			).toBe(20);
		} finally {
			client.close();
			await Promise.all(servers.splice(0).map((s) => s.stop()));
		}
	});

	it('kill -9 of A under 200 events/s: B serves on, A’s clients move to B, nothing lost or doubled', async () => {
		const a = await start();
		const b = await start();
		let alive = [a.url, b.url];
		// A screen given both addresses: connected to A, moves to B when A goes away.
		const screen = await connectLive(a.url);
		let killedAt = 0;
		let resyncedAfterMs = -1;
		let moved: Awaited<ReturnType<typeof connectLive>> | undefined;
		screen.socket.on('disconnect', () => {
			void connectLive(b.url).then((c) => {
				moved = c;
				resyncedAfterMs = performance.now() - killedAt;
			});
		});
		const total = 1000;
		const result = await load(
			() => alive,
			'kill-',
			'killq',
			total,
			200,
			(second) => {
				if (second === 2 && killedAt === 0) {
					killedAt = performance.now();
					alive = [b.url];
					void a.kill9();
				}
			}
		);
		console.log(
			`kill -9 run: ${JSON.stringify(result)}; screen resynced on B ${resyncedAfterMs.toFixed(0)} ms after kill`
		);
		expect(result.accepted + result.duplicates).toBe(total);
		const onB = await eventually(
			() => snapshot(b.url),
			(s) => s.calls.byQueue.killq?.offeredToday === total
		);
		expect(onB.calls.byQueue.killq?.offeredToday).toBe(total);
		expect(
			await eventually(
				() => storedCount('kill-'),
				(n) => n === total,
				30_000
			)
		).toBe(total);
		expect(resyncedAfterMs).toBeGreaterThan(0);
		expect(resyncedAfterMs).toBeLessThan(5000);
		await moved!.waitFor((s) => s.calls.byQueue.killq?.offeredToday === total, 3000);
		moved!.close();
		screen.close();
		// A comes back: restored from PostgreSQL and the stream, it agrees with B.
		const a2 = await start();
		expect((await snapshot(a2.url)).calls.byQueue.killq?.offeredToday).toBe(total);
		await Promise.all(servers.splice(0).map((s) => s.stop()));
	}, 120_000);

	it('Redis cut off mid-load: ingest refuses with 503 + Retry-After, then both converge', async () => {
		const redisPort = Number(new URL(REDIS_URL).port || 6379);
		const proxy: Proxy = await startProxy(redisPort, new URL(REDIS_URL).hostname);
		try {
			const a = await start({ REDIS_URL: proxy.url('redis') });
			const b = await start({ REDIS_URL: proxy.url('redis') });
			let readyDuringCut = 0;
			const total = 500;
			const result = await load(
				() => [a.url, b.url],
				'cut-',
				'cutq',
				total,
				100,
				(second) => {
					if (second === 1) proxy.cut();
					if (second === 2) {
						void fetch(`${a.url}/readyz`).then((r) => (readyDuringCut = r.status));
					}
					if (second === 3) proxy.restore();
				}
			);
			console.log(
				`redis cut run: ${JSON.stringify(result)}; /readyz during the cut: ${readyDuringCut}`
			);
			expect(result.refused503).toBeGreaterThan(0);
			expect(result.retryAfterSeen).toBe(true);
			expect(readyDuringCut).toBe(503);
			expect(result.accepted + result.duplicates).toBe(total);
			for (const s of [a, b]) {
				if (s.proc.exitCode !== null) console.log(s.output().slice(-3000));
				const snap = await eventually(
					() => snapshot(s.url),
					(x) => x.calls.byQueue.cutq?.offeredToday === total
				);
				expect(snap.calls.byQueue.cutq?.offeredToday).toBe(total);
			}
			expect(
				await eventually(
					() => storedCount('cut-'),
					(n) => n === total,
					30_000
				)
			).toBe(total);
		} finally {
			await Promise.all(servers.splice(0).map((s) => s.stop()));
			await proxy.close();
		}
	}, 120_000);
});
