/**
 * Scratch measurement of the event store (not a test): append throughput in batches of 1, 100
 * and 500, then loadLive with one synthetic peak day (~350 k events) stored, on PGlite (temp
 * folder) and PostgreSQL (a database created for the run and dropped afterwards).
 *
 *   node --import tsx scripts/measure-store.ts            # both backends
 *   MEASURE_BACKENDS=pglite node --import tsx scripts/measure-store.ts
 *   TEST_DATABASE_URL=postgres://… picks the PostgreSQL server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AgentState, Category, WallboardEvent } from '../src/lib/contract/events';
import { openStore, type EventStore } from '../src/lib/server/db/store';

const BASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BACKENDS = (process.env.MEASURE_BACKENDS ?? 'pglite,postgres').split(',');
const NOW = Date.parse('2025-03-10T16:00:00Z'); // end of a business day in Asia/Shanghai
const DAY_MS = 86_400_000;
const CALLS = 56_000;
const TICKETS = 34_000;
const AGENTS = 220;
const HORIZONS = { liveWindowMs: 26 * 3_600_000, surveyWindowMs: 30 * DAY_MS };

/** Deterministic PRNG (mulberry32): the same day every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** One peak day ending at NOW, in the order a source would send it (by `at`). */
function peakDay(): WallboardEvent[] {
	const random = prng(42);
	const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo));
	const start = NOW - DAY_MS;
	const out: WallboardEvent[] = [];
	const agentState = (agentId: string, state: AgentState, at: number, n: number) =>
		out.push({ id: `as-${agentId}-${n}-${at}`, type: 'agent.state', agentId, state, at });
	for (let i = 0; i < CALLS; i++) {
		const callId = `call-${i}`;
		const offeredAt = between(start, NOW);
		out.push({
			id: `${callId}-o`,
			type: 'call.offered',
			callId,
			queue: ['general', 'water', 'power', 'police'][i % 4]!,
			caller: `+86 138 ${String(i).padStart(8, '0')}`,
			at: offeredAt
		});
		const answerAt = offeredAt + between(3_000, 60_000);
		if (answerAt > NOW) continue; // still waiting
		if (random() < 0.05) {
			out.push({ id: `${callId}-x`, type: 'call.abandoned', callId, at: answerAt });
			continue;
		}
		const agentId = `agent-${i % AGENTS}`;
		out.push({ id: `${callId}-a`, type: 'call.answered', callId, agentId, at: answerAt });
		agentState(agentId, 'busy', answerAt, i);
		const endAt = answerAt + between(60_000, 400_000);
		if (endAt > NOW) continue;
		out.push({ id: `${callId}-e`, type: 'call.ended', callId, at: endAt });
		agentState(agentId, 'available', endAt + 1, i);
	}
	const categories: Category[] = ['emergency', 'livelihood', 'general'];
	for (let i = 0; i < TICKETS; i++) {
		const ticketId = `ticket-${i}`;
		const createdAt = between(start, NOW);
		out.push({
			id: `${ticketId}-c`,
			type: 'ticket.created',
			ticketId,
			category: categories[i % 3]!,
			kind: 'help',
			district: `district-${i % 16}`,
			summary: 'citizen reports a problem that needs a unit to handle it',
			callerName: 'Citizen',
			callerPhone: '13800000000',
			at: createdAt
		});
		const dispatchAt = createdAt + between(300_000, 3 * 3_600_000);
		if (dispatchAt > NOW) continue;
		out.push({
			id: `${ticketId}-d`,
			type: 'ticket.dispatched',
			ticketId,
			department: 'Water Bureau',
			at: dispatchAt
		});
		const feedbackAt = dispatchAt + between(3_600_000, 6 * 3_600_000);
		if (feedbackAt > NOW || random() < 0.3) continue;
		out.push({
			id: `${ticketId}-f`,
			type: 'ticket.feedback',
			ticketId,
			outcome: 'resolved',
			at: feedbackAt
		});
		const surveyAt = feedbackAt + between(600_000, 3_600_000);
		if (surveyAt > NOW || random() < 0.5) continue;
		out.push({
			id: `${ticketId}-s`,
			type: 'ticket.survey',
			ticketId,
			responded: true,
			resolved: random() < 0.8,
			satisfied: random() < 0.9,
			at: surveyAt
		});
	}
	return out.sort((a, b) => a.at - b.at);
}

interface Figures {
	backend: string;
	appendPerSecond: Record<number, number>;
	stored: number;
	loadLive: number[];
	returned: number;
}

async function measure(store: EventStore, day: WallboardEvent[]): Promise<Figures> {
	const appendPerSecond: Record<number, number> = {};
	let next = 0;
	// batch size → events appended with it; the rest of the day goes in batches of 500
	const plan: Array<[number, number]> = [
		[1, 2_000],
		[100, 30_000],
		[500, day.length - 32_000]
	];
	for (const [batch, total] of plan) {
		const started = performance.now();
		let appended = 0;
		while (appended < total && next < day.length) {
			const chunk = day.slice(next, next + batch);
			next += chunk.length;
			appended += chunk.length;
			await store.append(chunk, NOW);
		}
		appendPerSecond[batch] = appended / ((performance.now() - started) / 1000);
		console.error(`  batch ${batch}: ${appended} events`);
	}
	const stored = await store.countEvents();
	const loadLive: number[] = [];
	let returned = 0;
	for (let run = 0; run < 3; run++) {
		const started = performance.now();
		returned = (await store.loadLive(NOW, HORIZONS)).length;
		loadLive.push((performance.now() - started) / 1000);
	}
	return { backend: store.kind, appendPerSecond, stored, loadLive, returned };
}

async function withPostgresDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
	const database = `hw_measure_${Math.random().toString(36).slice(2, 10)}`;
	const admin = new pg.Client({ connectionString: BASE_URL });
	await admin.connect();
	await admin.query(`create database ${database}`);
	try {
		const url = new URL(BASE_URL);
		url.pathname = `/${database}`;
		return await run(url.toString());
	} finally {
		await admin.query(`drop database if exists ${database} with (force)`);
		await admin.end();
	}
}

async function main(): Promise<void> {
	const day = peakDay();
	console.error(`generated ${day.length} events of one peak day`);
	const results: Figures[] = [];
	if (BACKENDS.includes('pglite')) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-measure-'));
		try {
			const store = await openStore({ dataDir: path.join(dir, 'data') });
			try {
				console.error('pglite');
				results.push(await measure(store, day));
			} finally {
				await store.close();
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
	if (BACKENDS.includes('postgres')) {
		await withPostgresDatabase(async (databaseUrl) => {
			const store = await openStore({ databaseUrl, dataDir: '' });
			try {
				console.error('postgres');
				results.push(await measure(store, day));
			} finally {
				await store.close();
			}
		});
	}
	const rate = (n: number | undefined) => (n === undefined ? '-' : Math.round(n).toString());
	console.log(
		'| backend | append ev/s batch 1 | batch 100 | batch 500 | stored | loadLive s (3 runs) | returned |'
	);
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	for (const r of results) {
		console.log(
			`| ${r.backend} | ${rate(r.appendPerSecond[1])} | ${rate(r.appendPerSecond[100])} | ` +
				`${rate(r.appendPerSecond[500])} | ${r.stored} | ` +
				`${r.loadLive.map((s) => s.toFixed(2)).join(' / ')} | ${r.returned} |`
		);
	}
}

await main();
