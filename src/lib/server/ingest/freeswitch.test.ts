/**
 * The event-socket client against the fake switch (tests/helpers/fake-esl.ts): events arriving
 * together go to ingest in one call, never two calls at once (the socket is paused meanwhile),
 * a failed ingest is retried with nothing lost, and the backoff doubles with jitter.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
	startFakeEsl,
	type FakeEsl,
	type FakeEslConnection
} from '../../../../tests/helpers/fake-esl';
import { createLogger } from '../logger';
import { backoffDelay, startFreeswitch, type FreeswitchSource } from './freeswitch';
import type { IngestResult } from './service';
import { createSourceHealth } from './source-health';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../tests/fixtures/freeswitch/${name}`, import.meta.url), 'utf8');
/** Five agent events for agents a0…a4 (distinct ids through Event-Sequence). */
const bodies = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) =>
		fixture('agent-state-change.txt')
			.replace('Event-Sequence: 9501', `Event-Sequence: ${from + i}`)
			.replace('CC-Agent: 1001', `CC-Agent: a${from + i}`)
	);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('backoffDelay', () => {
	it.each([
		[0, 0, 250],
		[0, 1, 500],
		[1, 1, 1000],
		[3, 0.5, 3000],
		[6, 1, 30_000], // 32 s capped at 30 s
		[40, 0, 15_000]
	])('attempt %d, random %d → %d ms', (attempt, random, ms) => {
		expect(backoffDelay(attempt, random)).toBe(ms);
	});
});

describe('startFreeswitch', () => {
	let esl: FakeEsl | undefined;
	let client: FreeswitchSource | undefined;
	afterEach(async () => {
		await client?.close();
		await esl?.close();
		esl = client = undefined;
	});

	async function setup(ingest: (items: readonly unknown[]) => Promise<IngestResult>) {
		let connection: FakeEslConnection | undefined;
		esl = await startFakeEsl({ password: 'pw', onSubscribed: (c) => (connection = c) });
		const [host, port] = esl.address.split(':') as [string, string];
		const health = createSourceHealth({ now: Date.now, staleMs: 60_000 });
		client = startFreeswitch({
			host,
			port: Number(port),
			password: 'pw',
			ingest,
			health: health.source('fs', { kind: 'freeswitch-esl', name: 'fs' }),
			logger: createLogger('silent')
		});
		for (let i = 0; i < 100 && !connection; i++) await sleep(20);
		return { connection: connection!, health };
	}

	it('batches what arrives together and never ingests two batches at once', async () => {
		const calls: number[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const { connection, health } = await setup(async (items) => {
			calls.push(items.length);
			maxInFlight = Math.max(maxInFlight, ++inFlight);
			await sleep(200);
			inFlight--;
			return { accepted: items.length, duplicates: 0, rejected: [] };
		});
		for (const b of bodies(0, 5)) connection.send(b);
		await sleep(100); // the first batch is in flight now
		for (const b of bodies(5, 3)) connection.send(b);
		await sleep(30);
		for (const b of bodies(8, 2)) connection.send(b);
		for (let i = 0; i < 100 && calls.reduce((a, b) => a + b, 0) < 10; i++) await sleep(20);
		expect(calls).toEqual([5, 5]);
		expect(maxInFlight).toBe(1);
		await sleep(250);
		expect(health.list()[0]).toMatchObject({ state: 'connected', eventsPerMinute: 10 });
	});

	it('retries a failed ingest with the same events', async () => {
		const calls: string[][] = [];
		const { connection, health } = await setup(async (items) => {
			calls.push(items.map((e) => (e as { agentId: string }).agentId));
			if (calls.length === 1) throw new Error('the database is unavailable');
			return { accepted: items.length, duplicates: 0, rejected: [] };
		});
		for (const b of bodies(0, 2)) connection.send(b);
		for (let i = 0; i < 150 && calls.length < 2; i++) await sleep(20);
		expect(calls).toEqual([
			['a0', 'a1'],
			['a0', 'a1']
		]);
		expect(health.list()[0]!.lastError).toBe('ingest failed: the database is unavailable');
	});
});
