/**
 * Step 1 (fan-out latency) and the host costs of step 4: the real server and the bare Socket.IO
 * baseline, each with N clients in a separate process and an open-model generator here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LatencyReport, WireSizes } from './clients';
import type { WorkerReply, WorkerRequest } from './clients-worker';
import { createPoster, openLoad, type OpenLoadResult } from './load';
import {
	createDatabase,
	sampleReal,
	startBaseline,
	startReal,
	TEST_INGEST_TOKEN,
	type HostSample
} from './servers';
import {
	clock,
	median,
	percentile,
	sleep,
	summarize,
	zoneWithLocalHour,
	type Summary
} from './stats';

const HERE = import.meta.dirname;
/** '42["patch",' + ']': the Socket.IO framing around a patch message's JSON. */
const PATCH_FRAMING_BYTES = 12;

export type FanoutOptions = {
	clients: number;
	rate: number;
	seconds: number;
	tempDir: () => string;
	log: (s: string) => void;
	profileDir?: string;
	/** Unrecorded warm-up before each run (default 2 s; the smoke run shortens it). */
	warmSeconds?: number;
};

/** The client worker process, driven request by request. */
export class ClientWorker {
	private readonly child: ChildProcess;
	private readonly exited: Promise<void>;

	constructor() {
		this.child = fork(path.join(HERE, 'clients-worker.ts'), [], {
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
	}

	request<T extends WorkerReply['type']>(
		message: WorkerRequest,
		expect: T,
		timeoutMs = 120_000
	): Promise<Extract<WorkerReply, { type: T }>> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.child.off('message', onMessage);
				reject(new Error(`client worker: no ${expect} within ${timeoutMs} ms`));
			}, timeoutMs);
			const onMessage = (reply: WorkerReply) => {
				if (reply.type !== expect && reply.type !== 'error') return;
				clearTimeout(timer);
				this.child.off('message', onMessage);
				if (reply.type === 'error') reject(new Error(`client worker: ${reply.message}`));
				else resolve(reply as Extract<WorkerReply, { type: T }>);
			};
			this.child.on('message', onMessage);
			this.child.send(message);
		});
	}

	async close(): Promise<void> {
		if (this.child.connected) {
			await this.request({ type: 'close' }, 'closed', 10_000).catch(() => undefined);
		}
		if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
		await this.exited;
	}
}

export type RunFigures = {
	latency: LatencyReport;
	load: { accepted: number; failed: number; lag: Summary; response: Summary };
};

export type ServerCosts = {
	cpuMsPer1000Messages: number;
	deliveredMessages: number;
	rssIdleMb: number;
	rssWithClientsMb: number;
	rssPerClientKb: number;
	eventLoopLagP99Ms: number | null;
};

export type FanoutFigures = {
	clients: number;
	rate: number;
	seconds: number;
	connectMs: number;
	real: RunFigures & { costs: ServerCosts; wire: { snapshot: Summary; patch: Summary } };
	realBatched: RunFigures & { batch: number };
	baseline: RunFigures & { patchBytes: number; costs: ServerCosts };
	baselinePerPost: RunFigures;
	ratioP99: number;
	targetP99Ms: number;
	met: { p99Under25: boolean; p99UnderTwiceBaselinePlus5: boolean };
};

const offeredEvent = (run: string) => (k: number) => ({
	id: `${run}-${k}`,
	type: 'call.offered',
	at: Date.now(),
	callId: `${run}-c${k}`,
	queue: 'bench'
});

async function measureRun<S>(
	worker: ClientWorker,
	url: string,
	o: { rate: number; seconds: number; batch: number; run: string; warmSeconds: number },
	sample: () => Promise<S>
): Promise<RunFigures & { wire: WireSizes; result: OpenLoadResult; before: S; after: S }> {
	const poster = createPoster(url, TEST_INGEST_TOKEN);
	try {
		// Warm-up (JIT, connection pool), not recorded.
		await openLoad(poster, {
			rate: o.rate,
			seconds: o.warmSeconds,
			batch: o.batch,
			makeEvent: offeredEvent(`${o.run}-warm`)
		});
		await sleep(400);
		await worker.request({ type: 'record' }, 'recording');
		const before = await sample();
		const result = await openLoad(poster, { ...o, makeEvent: offeredEvent(o.run) });
		await sleep(600);
		const after = await sample();
		const { latency, wire } = await worker.request(
			{ type: 'report', starts: result.starts, until: result.until },
			'report'
		);
		return {
			latency,
			wire,
			result,
			before,
			after,
			load: {
				accepted: result.accepted,
				failed: result.failed,
				lag: result.lag,
				response: result.response
			}
		};
	} finally {
		poster.close();
	}
}

function costs(
	before: HostSample,
	after: HostSample,
	idleRss: number,
	withClientsRss: number,
	clients: number
): ServerCosts {
	const delivered = (after.patches - before.patches) * clients;
	return {
		cpuMsPer1000Messages: ((after.cpuMs - before.cpuMs) / delivered) * 1000,
		deliveredMessages: delivered,
		rssIdleMb: idleRss / 2 ** 20,
		rssWithClientsMb: withClientsRss / 2 ** 20,
		rssPerClientKb: (withClientsRss - idleRss) / clients / 1024,
		eventLoopLagP99Ms: after.lagP99Ms
	};
}

export async function runFanout(o: FanoutOptions): Promise<FanoutFigures> {
	const runId = `bench-${Date.now().toString(36)}`;
	// Local noon: the business day (and so offeredToday) cannot roll over during the run.
	const timezone = zoneWithLocalHour(12);
	const warmSeconds = o.warmSeconds ?? 2;

	// --- the real server ---
	o.log(
		`fan-out: real server, ${o.clients} clients, ${o.rate} events/s for ${o.seconds} s (zone ${timezone})`
	);
	const db = await createDatabase('pglite', o.tempDir);
	const server = await startReal(db, { WALLBOARD_TIMEZONE: timezone }, o.profileDir);
	const worker = new ClientWorker();
	let real: FanoutFigures['real'];
	let realBatched: FanoutFigures['realBatched'];
	let connectMs: number;
	try {
		await sleep(1000);
		const idle = await sampleReal(server);
		connectMs = (
			await worker.request({ type: 'connect', url: server.url, clients: o.clients }, 'connected')
		).ms;
		await sleep(1500);
		const connected = await sampleReal(server);
		const run = await measureRun(
			worker,
			server.url,
			{ rate: o.rate, seconds: o.seconds, batch: 1, run: runId, warmSeconds },
			async () => {
				server.toggleProfile(); // with --profile: brackets the recorded run
				return sampleReal(server);
			}
		);
		await sleep(500);
		real = {
			latency: run.latency,
			load: run.load,
			costs: costs(run.before, run.after, idle.rss, connected.rss, o.clients),
			wire: { snapshot: summarize(run.wire.snapshot), patch: summarize(run.wire.patch) }
		};
		o.log(`  p99 ${real.latency.all.p99.toFixed(1)} ms`);
		const batch = Math.max(1, Math.round(o.rate / 10));
		const b = await measureRun(
			worker,
			server.url,
			{
				rate: o.rate,
				seconds: Math.max(Math.min(5, o.seconds), Math.round(o.seconds / 2)),
				batch,
				run: `${runId}-b`,
				warmSeconds
			},
			async () => undefined
		);
		realBatched = { latency: b.latency, load: b.load, batch };
	} finally {
		await worker.close();
		await server.stop();
		await db.drop();
	}

	// --- the baseline, coalesced like the real server, padded to its median patch ---
	const patchBytes = Math.max(64, Math.round(real.wire.patch.p50) - PATCH_FRAMING_BYTES);
	o.log(`fan-out: baseline (bare Socket.IO, coalesced, ${patchBytes} B patches)`);
	const baseline = await runBaseline('coalesced', patchBytes, o, o.seconds, runId);
	o.log(`  p99 ${baseline.latency.all.p99.toFixed(1)} ms`);
	o.log('fan-out: baseline broadcasting per POST (uncoalesced)');
	const perPost = await runBaseline('per-post', patchBytes, o, Math.min(o.seconds, 3), runId);

	const ratioP99 = real.latency.all.p99 / baseline.latency.all.p99;
	const targetP99Ms = Math.min(25, 2 * baseline.latency.all.p99 + 5);
	return {
		clients: o.clients,
		rate: o.rate,
		seconds: o.seconds,
		connectMs,
		real,
		realBatched,
		baseline: { ...baseline, patchBytes },
		baselinePerPost: { latency: perPost.latency, load: perPost.load },
		ratioP99,
		targetP99Ms,
		met: {
			p99Under25: real.latency.all.p99 <= 25,
			p99UnderTwiceBaselinePlus5: real.latency.all.p99 <= 2 * baseline.latency.all.p99 + 5
		}
	};
}

async function runBaseline(
	mode: 'coalesced' | 'per-post',
	patchBytes: number,
	o: FanoutOptions,
	seconds: number,
	runId: string
): Promise<RunFigures & { costs: ServerCosts }> {
	const baseline = await startBaseline(mode, patchBytes);
	const worker = new ClientWorker();
	try {
		await sleep(500);
		const idle = await baseline.stats();
		await worker.request({ type: 'connect', url: baseline.url, clients: o.clients }, 'connected');
		await sleep(1500);
		const connected = await baseline.stats();
		const run = await measureRun(
			worker,
			baseline.url,
			{ rate: o.rate, seconds, batch: 1, run: `${runId}-${mode}`, warmSeconds: o.warmSeconds ?? 2 },
			() => baseline.stats()
		);
		const delivered = run.latency.patchesPerClient * o.clients;
		return {
			latency: run.latency,
			load: run.load,
			costs: {
				cpuMsPer1000Messages: ((run.after.cpuMs - run.before.cpuMs) / delivered) * 1000,
				deliveredMessages: delivered,
				rssIdleMb: idle.rss / 2 ** 20,
				rssWithClientsMb: connected.rss / 2 ** 20,
				rssPerClientKb: (connected.rss - idle.rss) / o.clients / 1024,
				eventLoopLagP99Ms: null
			}
		};
	} finally {
		await worker.close();
		await baseline.stop();
	}
}

export { clock, median, percentile };
