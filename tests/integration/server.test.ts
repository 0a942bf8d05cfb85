/**
 * The real production server (built SvelteKit handler + Socket.IO) on a free port, talked to as
 * sources and screens do; on embedded PGlite and on the real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/lib/contract';
import { createTempDatabase } from '../helpers/pg';
import {
	postEvents,
	removeDir,
	startServer,
	TEST_INGEST_TOKEN,
	type ServerHandle
} from '../helpers/server';
import { connectLive, normalise } from '../helpers/socket';
import { noonZone } from '../helpers/clock';

async function getSnapshot(url: string): Promise<Snapshot> {
	const res = await fetch(`${url}/api/v1/snapshot`);
	expect(res.status).toBe(200);
	return (await res.json()) as Snapshot;
}

/** Everything but the clock and the sequence number. */
function figures(s: Snapshot) {
	const { at: _at, seq: _seq, ...rest } = normalise(s) as Snapshot;
	return rest;
}

const backends = [
	{ name: 'PGlite', setup: async () => ({ env: {}, cleanup: async () => {} }) },
	{
		name: 'PostgreSQL',
		setup: async () => {
			const db = await createTempDatabase('hw_server');
			return { env: { DATABASE_URL: db.url }, cleanup: db.drop };
		}
	}
];

describe.each(backends)('server on $name', ({ setup }) => {
	let server: ServerHandle;
	let env: Record<string, string>;
	let cleanup: () => Promise<void>;
	const tz = noonZone();
	const t = Date.now();
	const at = (secondsAgo: number) => t - secondsAgo * 1000;

	beforeAll(async () => {
		({ env, cleanup } = await setup());
		env = { ...env, WALLBOARD_TIMEZONE: tz, INGEST_BODY_LIMIT_BYTES: '65536' };
		server = await startServer(env);
	});

	afterAll(async () => {
		await server?.stop();
		removeDir(server.dataDir);
		await cleanup();
	});

	it('answers health and readiness', async () => {
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
	});

	it('refuses ingest without the bearer token (401)', async () => {
		const none = await fetch(`${server.url}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '[]'
		});
		expect(none.status).toBe(401);
		const wrong = await postEvents(server.url, [], { token: 'not-the-token-at-all' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.message).toMatch(/Bearer/);
	});

	it('refuses an unsupported content type (415)', async () => {
		const r = await postEvents(server.url, null, { contentType: 'text/plain', raw: '[]' });
		expect(r.status).toBe(415);
		expect(r.body.message).toMatch(/application\/json/);
	});

	it('names the problem in malformed JSON (400)', async () => {
		const r = await postEvents(server.url, null, { raw: '[{"id": "x",' });
		expect(r.status).toBe(400);
		expect(r.body.message).toMatch(/^malformed JSON: /);
		const shape = await postEvents(server.url, { hello: 1 });
		expect(shape.status).toBe(400);
		expect(shape.body.message).toMatch(/JSON array of events/);
	});

	it('refuses a body over the size limit (413)', async () => {
		const big = 'x'.repeat(70_000);
		const r = await postEvents(server.url, [
			{ id: 'big', type: 'call.ended', at: at(1), callId: big }
		]);
		expect(r.status).toBe(413);
		expect(r.body.message).toMatch(/65536 bytes/);
	});

	it('keeps the valid events of a batch and rejects the others by index and field', async () => {
		const r = await postEvents(server.url, {
			events: [
				{
					id: 'c1-o',
					type: 'call.offered',
					at: at(100),
					callId: 'c1',
					queue: 'general',
					caller: '13912345678'
				},
				{ id: 'bad-1', type: 'call.offered', at: at(100), queue: 'general' },
				{ id: 'c1-a', type: 'call.answered', at: at(90), callId: 'c1', agentId: 'A1' },
				{ id: 'bad-2', type: 'call.teleported', at: at(1), callId: 'c9' },
				{ id: 'bad-3', type: 'call.abandoned', at: t + 10 * 60_000, callId: 'c1' },
				{
					id: 'bad-4',
					type: 'ticket.feedback',
					at: at(1),
					ticketId: 'T1',
					outcome: 'unreasonable'
				},
				'not an object'
			]
		});
		expect(r.status).toBe(200);
		expect(r.body.accepted).toBe(2);
		expect(r.body.duplicates).toBe(0);
		const rejected = r.body.rejected as Array<{
			index: number;
			id: string | null;
			errors: string[];
		}>;
		expect(rejected.map((x) => [x.index, x.id])).toEqual([
			[1, 'bad-1'],
			[3, 'bad-2'],
			[4, 'bad-3'],
			[5, 'bad-4'],
			[6, null]
		]);
		expect(rejected[0]!.errors).toEqual([expect.stringMatching(/^callId: /)]);
		expect(rejected[1]!.errors[0]).toMatch(/^type: must be one of call\.offered/);
		expect(rejected[2]!.errors[0]).toMatch(/^at: .*more than 5 minutes ahead/);
		expect(rejected[3]!.errors).toEqual([expect.stringMatching(/^legalBasis: required/)]);
	});

	it('refuses text the database cannot store as a client error, never a 5xx', async () => {
		const r = await postEvents(server.url, [
			{ id: 'nul-1', type: 'call.offered', at: at(1), callId: 'n\u0000l', queue: 'general' },
			{ id: 'sur-1', type: 'call.offered', at: at(1), callId: 'sur', queue: 'q\ud800' },
			{ id: 'x\u0000', type: 'call.ended', at: at(1), callId: 'c1' }
		]);
		expect(r.status).toBe(200);
		expect(r.body.accepted).toBe(0);
		expect((r.body.rejected as unknown[]).length).toBe(3);
	});

	it('counts a re-sent event as a duplicate and changes nothing', async () => {
		const before = figures(await getSnapshot(server.url));
		const r = await postEvents(server.url, [
			{ id: 'c1-o', type: 'call.offered', at: at(100), callId: 'c1', queue: 'general' },
			{ id: 'c1-a', type: 'call.answered', at: at(90), callId: 'c1', agentId: 'A1' },
			{ id: 'c1-a', type: 'call.answered', at: at(90), callId: 'c1', agentId: 'A1' }
		]);
		expect(r.body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
		expect(figures(await getSnapshot(server.url))).toEqual(before);
	});

	it('accepts NDJSON, rejecting a malformed line on its own', async () => {
		const lines = [
			JSON.stringify({
				id: 'c2-o',
				type: 'call.offered',
				at: at(60),
				callId: 'c2',
				queue: 'elderly'
			}),
			'{"id": "broken"',
			'',
			JSON.stringify({
				id: 'c3-o',
				type: 'call.offered',
				at: at(50),
				callId: 'c3',
				queue: 'elderly'
			})
		].join('\n');
		const r = await postEvents(server.url, null, {
			contentType: 'application/x-ndjson',
			raw: lines
		});
		expect(r.status).toBe(200);
		expect(r.body.accepted).toBe(2);
		expect(r.body.rejected).toEqual([
			{ index: 1, id: null, errors: [expect.stringMatching(/^line 2: malformed JSON/)] }
		]);
	});

	it('serves the hand-computed snapshot, with no PII', async () => {
		await postEvents(server.url, [
			{ id: 'c3-x', type: 'call.abandoned', at: at(20), callId: 'c3' },
			{ id: 'ag1', type: 'agent.state', at: at(200), agentId: 'A1', state: 'busy', name: '王芳' },
			{ id: 'ag2', type: 'agent.state', at: at(200), agentId: 'A2', state: 'available' },
			{
				id: 'tk1',
				type: 'ticket.created',
				at: t - 3_600_000 - 30_000,
				ticketId: 'T1',
				category: 'emergency',
				kind: 'help',
				district: '海淀区',
				summary: '燃气泄漏',
				callerName: '张三',
				callerPhone: '13700000000'
			},
			{
				id: 'sv1',
				type: 'ticket.survey',
				at: at(5),
				ticketId: 'T0',
				responded: true,
				resolved: false,
				satisfied: true
			}
		]);
		const s = await getSnapshot(server.url);
		expect(s.timezone).toBe(tz);
		// c1 answered after 10 s; c2 waiting 60 s; c3 abandoned after 30 s.
		expect(s.calls.all).toMatchObject({
			waiting: 1,
			offeredToday: 3,
			answeredToday: 1,
			abandonedToday: 1,
			answeredWithinTargetToday: 1,
			serviceLevelToday: 0.5,
			asaSecondsToday: 10,
			abandonRateToday: 0.5,
			answered24h: 1,
			abandoned24h: 1,
			answerRate24h: 0.5
		});
		expect(s.calls.all.longestWaitSeconds).toBeGreaterThanOrEqual(60);
		expect(s.calls.byQueue.elderly).toMatchObject({
			waiting: 1,
			offeredToday: 2,
			abandonedToday: 1
		});
		expect(s.agents).toEqual({ available: 1, busy: 1, wrapup: 0, break: 0, offline: 0 });
		expect(s.tickets.pending).toEqual({ emergency: 1, livelihood: 0, general: 0 });
		expect(s.tickets.overdue).toEqual({ emergency: 1, livelihood: 0, general: 0 });
		expect(s.tickets.overdueList).toHaveLength(1);
		expect(s.tickets.overdueList[0]).toMatchObject({
			ticketId: 'T1',
			category: 'emergency',
			kind: 'help',
			district: '海淀区'
		});
		expect(s.tickets.overdueList[0]!.overdueSeconds).toBeGreaterThanOrEqual(29);
		expect(s.tickets.survey30d).toEqual({
			surveyed: 1,
			responseRate: 1,
			resolutionRate: 0,
			satisfactionRate: 1
		});
		const text = JSON.stringify(s);
		for (const pii of ['13912345678', '燃气泄漏', '张三', '13700000000'])
			expect(text).not.toContain(pii);
	});

	it('pushes patches that, applied by a client, equal the REST snapshot, within 250 ms', async () => {
		const client = await connectLive(server.url);
		try {
			const waitingBefore = client.current()!.calls.all.waiting;
			const latencies: number[] = [];
			for (let i = 0; i < 5; i++) {
				const sent = performance.now();
				await postEvents(server.url, [
					{
						id: `lat-${i}`,
						type: 'call.offered',
						at: Date.now(),
						callId: `lat-${i}`,
						queue: 'enterprise'
					}
				]);
				await client.waitFor((s) => s.calls.all.waiting === waitingBefore + i + 1, 2000);
				latencies.push(performance.now() - sent);
			}
			expect(Math.max(...latencies)).toBeLessThan(250);
			const rest = await getSnapshot(server.url);
			await client.waitFor((s) => s.seq >= rest.seq, 2000);
			expect(client.resyncs).toBe(0);
			if (client.current()!.seq === rest.seq) {
				expect(normalise(client.current()!)).toEqual(normalise(rest));
			} else {
				expect(figures(client.current()!)).toEqual(figures(rest));
			}
			for (const m of client.patches) expect(m.seq).toBe(m.base + 1);
		} finally {
			client.close();
		}
	});

	it('sends a heartbeat patch with a new `at` within 5 s when nothing changes', async () => {
		const client = await connectLive(server.url);
		try {
			const first = client.current()!.at;
			await client.waitFor((s) => s.at !== first, 6000);
		} finally {
			client.close();
		}
	}, 10_000);

	it('serves thresholds; with no account yet nobody may change them (no unauthenticated write)', async () => {
		const put = (headers: Record<string, string>) =>
			fetch(`${server.url}/api/v1/thresholds`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify({ metrics: { serviceLevelToday: { good: 0.85, warn: 0.75 } } })
			});
		const defaults = (await (await fetch(`${server.url}/api/v1/thresholds`)).json()) as {
			metrics: Record<string, { good: number; warn: number }>;
		};
		expect(defaults.metrics.serviceLevelToday).toEqual({ good: 0.9, warn: 0.8 });
		// The ingest token is a data source's credential, not a person's.
		expect((await put({ authorization: `Bearer ${TEST_INGEST_TOKEN}` })).status).toBe(401);
		expect((await put({})).status).toBe(401);
		const after = (await (
			await fetch(`${server.url}/api/v1/thresholds`)
		).json()) as typeof defaults;
		expect(after.metrics.serviceLevelToday).toEqual({ good: 0.9, warn: 0.8 });
	});

	it('restores exactly the same figures after kill -9 and restart', async () => {
		const before = await getSnapshot(server.url);
		await server.kill9();
		server = await startServer(env, { dataDir: server.dataDir });
		const after = await getSnapshot(server.url);
		// Waits and overdue times grew while the server was down; every count is the same.
		const strip = (s: Snapshot) => {
			const f = figures(s) as Snapshot;
			f.calls.all.longestWaitSeconds = 0;
			for (const q of Object.values(f.calls.byQueue)) q.longestWaitSeconds = 0;
			for (const o of f.tickets.overdueList) o.overdueSeconds = 0;
			return f;
		};
		// The per-minute series is a window that moves with the clock: a restart that crosses a
		// minute boundary adds a minute and drops the oldest. The minutes both hold must agree.
		const shared = (a: Snapshot, b: Snapshot) => {
			const keys = Object.keys(a.calls.series ?? {}).filter((k) => k in (b.calls.series ?? {}));
			return Object.fromEntries(keys.map((k) => [k, a.calls.series![k]]));
		};
		expect(shared(after, before)).toEqual(shared(before, after));
		delete (before.calls as { series?: unknown }).series;
		delete (after.calls as { series?: unknown }).series;
		expect(strip(after)).toEqual(strip(before));
		expect(server.output()).not.toContain('INGEST_TOKEN (generated');
	});

	it('shuts down cleanly on SIGTERM', async () => {
		expect(await server.stop()).toBe(0);
		server = await startServer(env, { dataDir: server.dataDir });
	});
});

describe('configuration errors', () => {
	it('stop the start with a message naming the variable', async () => {
		await expect(
			startServer({ WALLBOARD_TIMEZONE: 'Mars/Olympus' }, { timeoutMs: 20_000 })
		).rejects.toThrow(/WALLBOARD_TIMEZONE="Mars\/Olympus": is not an IANA time zone/);
	});
});

describe('generated ingest token', () => {
	it('is printed once on first start and works', async () => {
		const server = await startServer({ INGEST_TOKEN: '' });
		try {
			const m = /INGEST_TOKEN \(generated[^\n]*\n\s+(\S+)/.exec(server.output());
			expect(m).not.toBeNull();
			const token = m![1]!;
			expect((await postEvents(server.url, [], { token })).status).toBe(200);
			expect((await postEvents(server.url, [], { token: TEST_INGEST_TOKEN })).status).toBe(401);
			await server.stop();
			const again = await startServer({ INGEST_TOKEN: '' }, { dataDir: server.dataDir });
			try {
				expect(again.output()).not.toContain('INGEST_TOKEN (generated');
				expect((await postEvents(again.url, [], { token })).status).toBe(200);
			} finally {
				await again.stop();
			}
		} finally {
			await server.stop();
			removeDir(server.dataDir);
		}
	});
});
