/**
 * Hostile input against the real server: generated requests to the ingest API and generated socket
 * events from every kind of client (fast-check; FUZZ_RUNS inputs each, 10,000 by default, more
 * with `npm run fuzz`): never a 5xx, never a crash. Then a scenario full of personal data: none of
 * it may appear in the logs or in anything a display receives.
 */
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, authHeaders, enrolDisplay } from '../helpers/auth';
import { startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let server: ServerHandle;
beforeAll(async () => {
	server = await startServer({
		ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
		INGEST_RATE_LIMIT: '1000000',
		INGEST_BODY_LIMIT_BYTES: '65536',
		LOG_LEVEL: 'debug'
	});
});
afterAll(async () => {
	if (server?.proc.exitCode !== null) console.log(server?.output().slice(-4000));
	await server?.stop();
});

const TYPES = [
	'call.offered',
	'call.answered',
	'call.abandoned',
	'call.ended',
	'agent.state',
	'ticket.created',
	'ticket.dispatched',
	'ticket.feedback',
	'ticket.survey'
];

const nasty = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.constantFrom('\u0000', '\ud800', '__proto__', 'constructor', '', ' ', '9'.repeat(400)),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
);

const fieldValue = fc.oneof(
	{ weight: 4, arbitrary: nasty },
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 20 }) }
);

const eventLike = fc.record(
	{
		id: fieldValue,
		type: fc.oneof(fc.constantFrom(...TYPES), nasty),
		at: fc.oneof(
			fc.integer({ min: Date.now() - 86_400_000, max: Date.now() + 600_000 }),
			fieldValue
		),
		callId: fieldValue,
		ticketId: fieldValue,
		agentId: fieldValue,
		queue: fc.oneof(fc.constantFrom('general', 'elderly'), nasty),
		state: fc.oneof(fc.constantFrom('available', 'busy', 'break'), nasty),
		category: fc.oneof(fc.constantFrom('emergency', 'livelihood', 'general'), nasty),
		kind: fieldValue,
		district: fieldValue,
		department: fieldValue,
		outcome: fieldValue,
		reason: fieldValue,
		legalBasis: fieldValue,
		responded: fieldValue,
		extra: fc.jsonValue({ maxDepth: 30 })
	},
	{ requiredKeys: [] }
);

const body = fc.oneof(
	fc.array(eventLike, { maxLength: 8 }).map((a) => JSON.stringify(a)),
	fc.array(eventLike, { maxLength: 8 }).map((a) => JSON.stringify({ events: a })),
	fc
		.array(
			fc.oneof(
				eventLike.map((e) => JSON.stringify(e)),
				fc.string()
			),
			{ maxLength: 8 }
		)
		.map((lines) => lines.join('\n')),
	fc.jsonValue().map((v) => JSON.stringify(v)),
	fc.string({ unit: 'binary', maxLength: 300 }),
	fc.constant('x'.repeat(70_000))
);

const request = fc.record({
	contentType: fc.oneof(
		fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/x-ndjson'),
		fc.constantFrom(
			'application/json',
			'application/json; charset=utf-8',
			'application/x-ndjson',
			'text/plain',
			'multipart/form-data; boundary=x',
			''
		),
		fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s))
	),
	auth: fc.oneof(
		{ weight: 6, arbitrary: fc.constant(`Bearer ${TEST_INGEST_TOKEN}`) },
		{
			weight: 1,
			arbitrary: fc.constantFrom('', 'Bearer', 'Bearer x', 'Basic abc', `Bearer ${'a'.repeat(300)}`)
		}
	),
	webhook: fc.option(
		fc.record({
			id: fc.string({ maxLength: 200 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
			timestamp: fc.oneof(fc.integer().map(String), fc.constantFrom('', 'now', '1e3')),
			signature: fc.string({ maxLength: 120 }).filter((s) => /^[\x20-\x7e]*$/.test(s))
		}),
		{ freq: 8 }
	),
	body
});

describe('fuzzing', () => {
	it(`answers ${RUNS} generated ingest requests without a 5xx`, async () => {
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(request, async (r) => {
				const headers: Record<string, string> = {};
				if (r.contentType) headers['content-type'] = r.contentType;
				if (r.auth) headers.authorization = r.auth;
				if (r.webhook) {
					headers['webhook-id'] = r.webhook.id;
					headers['webhook-timestamp'] = r.webhook.timestamp;
					headers['webhook-signature'] = r.webhook.signature;
				}
				const res = await fetch(`${server.url}/api/v1/events`, {
					method: 'POST',
					headers,
					body: r.body
				});
				await res.arrayBuffer();
				statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
				return res.status < 500;
			}),
			{ numRuns: RUNS, seed: SEED }
		);
		console.log('ingest fuzz statuses:', Object.fromEntries(statuses));
		// The generator reaches the interesting answers, not only one of them.
		for (const status of [200, 400, 401, 413, 415])
			expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
		expect(server.proc.exitCode).toBeNull();
		expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
	}, 900_000);

	it(`survives ${Math.round(RUNS / 5)} generated socket events from supervisors and displays`, async () => {
		const supervisor = (await authHeaders(server, 'supervisor')).cookie!;
		const display = (await enrolDisplay(server, 'Fuzz screen')).cookie;
		const open = (cookie: string) =>
			new Promise<Socket>((resolve, reject) => {
				const s = io(server.url, {
					transports: ['websocket'],
					forceNew: true,
					reconnection: false,
					extraHeaders: { cookie }
				});
				s.once('snapshot', () => resolve(s));
				s.once('connect_error', reject);
			});
		const sockets: Record<'supervisor' | 'display', Socket> = {
			supervisor: await open(supervisor),
			display: await open(display)
		};
		let reconnects = 0;
		const emission = fc.record({
			who: fc.constantFrom('supervisor', 'display') as fc.Arbitrary<'supervisor' | 'display'>,
			event: fc.oneof(
				fc.constantFrom(
					'resync',
					'watch',
					'unwatch',
					'alert.ack',
					'snapshot',
					'patch',
					'disconnect'
				),
				fc.string({ maxLength: 30 })
			),
			args: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 10 }), nasty), { maxLength: 3 })
		});
		await fc.assert(
			fc.asyncProperty(emission, async ({ who, event, args }) => {
				let s = sockets[who];
				if (!s.connected) {
					reconnects++;
					s.close();
					s = sockets[who] = await open(who === 'supervisor' ? supervisor : display);
				}
				try {
					(s as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);
				} catch {
					// a reserved name the client library refuses to send
				}
				// Let the server answer (and cut a socket that sent a forbidden event).
				await new Promise((r) => setTimeout(r, 2));
				return true;
			}),
			{ numRuns: Math.round(RUNS / 5), seed: SEED }
		);
		await new Promise((r) => setTimeout(r, 500));
		sockets.supervisor.close();
		sockets.display.close();
		console.log(`socket fuzz: ${reconnects} reconnects after forbidden events`);
		expect(reconnects).toBeGreaterThan(0); // displays sent forbidden events and were cut
		expect(server.proc.exitCode).toBeNull();
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(server.output()).not.toMatch(/unhandled error|uncaughtException|unhandledRejection/);
	}, 900_000);
});

describe('personal data', () => {
	const PII = {
		caller: '13912345678',
		callerPhone: '13987654321',
		callerName: '王测试名',
		summary: 'PII-SUMMARY 中关村大街 1203 室漏水'
	};
	const markers = [PII.caller, PII.callerPhone, PII.callerName, 'PII-SUMMARY', '中关村大街 1203'];

	it('never reaches a display, the snapshot or the logs', async () => {
		const screen = await enrolDisplay(server, 'PII screen');
		const received: string[] = [];
		const socket = io(server.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			extraHeaders: { cookie: screen.cookie }
		});
		socket.onAny((event: string, ...args: unknown[]) =>
			received.push(event + JSON.stringify(args))
		);
		await new Promise<void>((resolve, reject) => {
			socket.once('snapshot', () => resolve());
			socket.once('connect_error', reject);
		});
		const t = Date.now() - 120_000;
		const events = [
			{
				id: 'pii-1',
				type: 'call.offered',
				at: t,
				callId: 'PC1',
				queue: 'general',
				caller: PII.caller
			},
			{ id: 'pii-2', type: 'call.answered', at: t + 9000, callId: 'PC1', agentId: 'PA1' },
			{
				id: 'pii-3',
				type: 'ticket.created',
				at: Date.now() - 7_200_000,
				ticketId: 'PT1',
				category: 'emergency',
				// two hours old: overdue, so it is listed on the wall
				kind: 'help',
				district: '海淀区',
				callId: 'PC1',
				summary: PII.summary,
				callerName: PII.callerName,
				callerPhone: PII.callerPhone
			},
			// Rejected events are logged: their personal fields must not be.
			{
				id: 'pii-4',
				type: 'ticket.created',
				at: t,
				ticketId: 'PT2',
				category: 'bogus',
				callerPhone: PII.callerPhone,
				summary: PII.summary
			},
			{
				id: 'pii-5',
				type: 'call.offered',
				at: 'not a time',
				callId: 'PC2',
				queue: 'general',
				caller: PII.caller
			}
		];
		const res = await fetch(`${server.url}/api/v1/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(events)
		});
		const result = (await res.json()) as { accepted: number; rejected: unknown[] };
		expect(result.accepted).toBe(3);
		expect(result.rejected).toHaveLength(2);
		await new Promise((r) => setTimeout(r, 1500)); // patches and an overdue tick
		const snapshot = await (
			await fetch(`${server.url}/api/v1/snapshot`, { headers: { cookie: screen.cookie } })
		).text();
		const wall = await (
			await fetch(`${server.url}/wall`, { headers: { cookie: screen.cookie, accept: 'text/html' } })
		).text();
		socket.close();
		expect(snapshot).toContain('PT1'); // the ticket is there, without its personal data
		const traffic = received.join('\n');
		expect(traffic.length).toBeGreaterThan(100);
		const logs = server.output();
		expect(logs).toContain('pii-4'); // the rejection was logged…
		for (const marker of markers) {
			expect(traffic, `display traffic has ${marker}`).not.toContain(marker);
			expect(snapshot, `snapshot has ${marker}`).not.toContain(marker);
			expect(wall, `wall page has ${marker}`).not.toContain(marker);
			expect(logs, `logs have ${marker}`).not.toContain(marker); // …without the data
		}
	});
});
