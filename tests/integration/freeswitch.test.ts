/**
 * FreeSWITCH mod_callcenter over the event socket, end to end: the in-process app connects to a
 * fake event socket (tests/helpers/fake-esl.ts, the real framing) that replays the fixture
 * bodies of tests/fixtures/freeswitch; one answered call and one abandoned, agent 1001 on break
 * then available. The first connection is cut in the middle of a frame; the second replays from
 * two events before the cut, so two events arrive twice. A wrong password shows in the source's
 * health and the client does not hammer the switch.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, removeDir, type AppHandle } from '../helpers/app';
import { startFakeEsl, type FakeEsl } from '../helpers/fake-esl';

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/freeswitch/${name}`, import.meta.url), 'utf8');

/** The second call's start, written like the first's (member-queue-start.txt). */
const secondStart = fixture('member-queue-start.txt')
	.replace('Event-Sequence: 9274', 'Event-Sequence: 9400')
	.replace('Event-Date-Timestamp: 1696995740912345', 'Event-Date-Timestamp: 1696995790100000')
	.replace(/dbd77eea-5eec-4992-a386-d49683aaecef/, '8a4f0c1e-2b7d-4e9a-9c3f-5d6e7f8a9b0c')
	.replace('CC-Member-CID-Number: 19083426', 'CC-Member-CID-Number: 19083427');
const HEARTBEAT =
	'Event-Name: HEARTBEAT\nCore-UUID: 7f4de4bc-6f8b-11ee-9a0e-3b3b2f7b3c11\nEvent-Date-Timestamp: 1696996030000000\nEvent-Sequence: 9600\nEvent-Info: System%20Ready\n\n';
const BODIES = [
	fixture('member-queue-start.txt'),
	fixture('members-count.txt'), // ignored
	fixture('bridge-agent-start.txt'),
	fixture('bridge-agent-end.txt'),
	fixture('member-queue-end-terminated.txt'),
	secondStart,
	fixture('member-queue-end-cancel.txt'),
	fixture('agent-status-change.txt'), // On Break
	fixture('agent-state-change.txt'), // Waiting: still on break
	fixture('agent-status-available-on-demand.txt')
];
/** 2023-10-11 03:48:20 UTC (11:48 in Shanghai): after every fixture, the same business day. */
const CLOCK_START = 1696996100000;

async function until<T>(
	f: () => T | undefined | null | false | Promise<T | undefined | null | false>,
	timeoutMs = 10_000
): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await f();
		if (v) return v;
		if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function ingestCounts(app: AppHandle['app']): Promise<Record<string, number>> {
	const metric = await app.telemetry.ingestEvents.get();
	return Object.fromEntries(metric.values.map((v) => [String(v.labels.result), v.value]));
}

describe('FreeSWITCH event socket', () => {
	let server: AppHandle | undefined;
	let esl: FakeEsl | undefined;
	afterEach(async () => {
		await server?.stop();
		await esl?.close();
		if (server) removeDir(server.dataDir);
		server = esl = undefined;
	});

	it('replays the fixtures; a connection cut mid-frame resumes with nothing lost or doubled', async () => {
		esl = await startFakeEsl({
			password: 'ClueCon',
			onSubscribed(connection) {
				if (connection.number === 1) {
					for (const body of BODIES.slice(0, 5)) connection.send(body);
					connection.send(BODIES[5]!, { cutAfterBytes: 80 });
				} else {
					for (const body of BODIES.slice(3)) connection.send(body);
					connection.send(HEARTBEAT);
				}
			}
		});
		const t0 = Date.now();
		server = await startApp(
			{ FREESWITCH_ESL: esl.address },
			{ now: () => CLOCK_START + (Date.now() - t0) }
		);
		const { app } = server;

		// 9 events mapped (members-count is ignored), 2 of them (bodies 3 and 4) delivered twice.
		const counts = await until(async () => {
			const c = await ingestCounts(app);
			return c.accepted === 9 && c.duplicate === 2 ? c : null;
		}).catch(async () => ingestCounts(app));
		expect(counts).toEqual({ accepted: 9, duplicate: 2, rejected: 0 });
		expect(esl.connections).toBe(2);
		expect(esl.commands).toEqual([
			'auth ***',
			'event plain HEARTBEAT CUSTOM callcenter::info',
			'auth ***',
			'event plain HEARTBEAT CUSTOM callcenter::info'
		]);

		const s = await app.snapshot();
		expect(s.businessDay).toBe('2023-10-11');
		// Call 1: offered 03:42:20.912, answered 03:42:25.004 (4.092 s, within 15 s), ended.
		// Call 2: offered 03:43:10.100, abandoned 03:43:32.500.
		expect(s.calls.all).toMatchObject({
			waiting: 0,
			offeredToday: 2,
			answeredToday: 1,
			abandonedToday: 1,
			answeredWithinTargetToday: 1,
			asaSecondsToday: 4.092
		});
		expect(Object.keys(s.calls.byQueue)).toEqual(['3000@default']);
		expect(s.agents).toEqual({ available: 1, busy: 0, wrapup: 0, break: 0, offline: 0 });

		const [health] = app.sourceHealth.list();
		expect(health).toMatchObject({
			key: 'freeswitch-esl',
			kind: 'freeswitch-esl',
			name: `FreeSWITCH ${esl.address}`,
			state: 'connected',
			staleSince: null
		});
		expect(health!.eventsPerMinute).toBe(11);
		expect(health!.lastError).toBeNull();
		const metrics = await app.telemetry.registry.metrics();
		expect(metrics).toContain(
			`hw_source_up{source="FreeSWITCH ${esl.address}",kind="freeswitch-esl"} 1`
		);
		expect(metrics).toContain(
			`hw_source_events_per_minute{source="FreeSWITCH ${esl.address}",kind="freeswitch-esl"} 11`
		);
		// No caller number reached the log.
		expect(server.output()).not.toContain('19083426');
	});

	it('a wrong password shows in the source health, and the client waits before retrying', async () => {
		esl = await startFakeEsl({ password: 'right-password', onSubscribed: () => {} });
		server = await startApp({ FREESWITCH_ESL: esl.address, FREESWITCH_ESL_PASSWORD: 'wrong' });
		const { app } = server;
		const health = await until(() =>
			app.sourceHealth.list().find((v) => v.kind === 'freeswitch-esl' && v.state === 'error')
		);
		expect(health.lastError).toBe('authentication refused: -ERR invalid');
		expect(health.lastErrorAt).toEqual(expect.any(Number));
		expect(await app.telemetry.registry.metrics()).toContain(
			`hw_source_up{source="FreeSWITCH ${esl.address}",kind="freeswitch-esl"} 0`
		);
		expect(server.output()).toContain('FreeSWITCH refused the password');
		expect(server.output()).not.toContain('"wrong"');
		// Refused: the next attempt waits the longest backoff (30 s), not 0.5 s.
		await new Promise((r) => setTimeout(r, 1500));
		expect(esl.connections).toBe(1);
	});
});
