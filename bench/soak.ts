/**
 * The long soak (issue 15 item 8): a year of unattended operation compressed into hours.
 *
 *   npm run build && npm run soak -- --hours 2
 *   npm run soak -- --smoke            # 90 s, one sample every 10 s, two restarts (CI)
 *
 * One built production server on PGlite in a temporary folder with the simulator at 5× a peak day
 * (SIMULATE_SCALE=5), 200 Socket.IO clients that reconnect as wallboards do, and /wall in Chromium
 * (kiosk). Every `--sample-seconds` (60): the server's RSS, JS heap and event-loop p99 (its own
 * /metrics), the wall's JS heap after a forced GC, DOM nodes and listeners (CDP), its freshness,
 * and how many of the clients are connected. Every `--restart-minutes` (20) the server is killed
 * with SIGKILL and started again on the same folder and port; the time until it listens, until
 * /readyz, until the wall is fresh again and until every client is back is recorded.
 *
 * Prints a table (one row per sample, at most ~40 rows), the restarts and each curve's slope per
 * hour, writes bench/results-soak.json and, with `--svg FILE`, the curves as an SVG.
 * The hall's day runs in a fixed-offset zone where it is about 10:00 at the start, the morning
 * peak, so that the traffic is heavy whatever the hour the soak runs at.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';
import { copyTemplateInto } from '../tests/helpers/data-dir';
import { removeDir, startServer, type ServerHandle } from '../tests/helpers/server';
import { BENCH_READ_TOKEN } from './servers';
import { curvesSvg, trendPerHour, type SoakSample } from './soak-report';
import { fmt, promValue, sleep, waitUntil, zoneWithLocalHour } from './stats';

const { values: args } = parseArgs({
	options: {
		hours: { type: 'string', default: '2' },
		scale: { type: 'string', default: '5' },
		sockets: { type: 'string', default: '200' },
		width: { type: 'string', default: '1920' },
		height: { type: 'string', default: '1080' },
		'restart-minutes': { type: 'string', default: '20' },
		'sample-seconds': { type: 'string', default: '60' },
		svg: { type: 'string' },
		smoke: { type: 'boolean', default: false }
	}
});
const SMOKE = args.smoke;
const DURATION_MS = (SMOKE ? 1.5 / 60 : Number(args.hours)) * 3_600_000;
const RESTART_MS = (SMOKE ? 0.5 : Number(args['restart-minutes'])) * 60_000;
const SAMPLE_MS = (SMOKE ? 10 : Number(args['sample-seconds'])) * 1000;
const SOCKETS = SMOKE ? 20 : Number(args.sockets);
for (const [name, v] of Object.entries({ DURATION_MS, RESTART_MS, SAMPLE_MS, SOCKETS })) {
	if (!Number.isFinite(v) || v <= 0) throw new Error(`soak: ${name} must be a positive number`);
}
const OUT = path.join(import.meta.dirname, 'results-soak.json');
const TIMEZONE = zoneWithLocalHour(10);

type Restart = {
	atMinute: number;
	listeningMs: number;
	readyMs: number;
	/** Until the wall's data-freshness is `fresh` again (its socket reconnected and up to date). */
	wallFreshMs: number | null;
	/** Until every client is connected again. */
	clientsBackMs: number | null;
};

/** The wallboard clients: reconnect on their own (Socket.IO's default back-off), count traffic. */
function openClients(url: string, count: number) {
	const sockets: Socket[] = [];
	let snapshots = 0;
	let patches = 0;
	for (let i = 0; i < count; i++) {
		const socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			auth: { token: BENCH_READ_TOKEN },
			reconnectionDelay: 500,
			reconnectionDelayMax: 5000
		});
		socket.on('snapshot', () => snapshots++);
		socket.on('patch', () => patches++);
		sockets.push(socket);
	}
	return {
		connected: () => sockets.filter((s) => s.connected).length,
		counts: () => ({ snapshots, patches }),
		close: () => sockets.forEach((s) => s.close())
	};
}

async function serverFigures(url: string) {
	try {
		const res = await fetch(`${url}/metrics`, {
			headers: { authorization: `Bearer ${BENCH_READ_TOKEN}` },
			signal: AbortSignal.timeout(10_000)
		});
		if (!res.ok) return null;
		const text = await res.text();
		return {
			rssMb: promValue(text, 'hw_process_process_resident_memory_bytes') / 2 ** 20,
			heapMb: promValue(text, 'hw_process_nodejs_heap_size_used_bytes') / 2 ** 20,
			lagP99Ms: promValue(text, 'hw_process_nodejs_eventloop_lag_p99_seconds') * 1000
		};
	} catch {
		return null;
	}
}

async function wallFigures(page: Page, cdp: CDPSession) {
	await cdp.send('HeapProfiler.collectGarbage');
	const heap = await cdp.send('Runtime.getHeapUsage');
	const dom = (await cdp.send('Memory.getDOMCounters')) as {
		nodes: number;
		jsEventListeners: number;
	};
	const freshness = await page
		.locator('[data-testid="wall"]')
		.getAttribute('data-freshness', { timeout: 5000 })
		.catch(() => null);
	return {
		wallHeapMb: heap.usedSize / 2 ** 20,
		wallDomNodes: dom.nodes,
		wallListeners: dom.jsEventListeners,
		wallFreshness: freshness ?? 'unknown'
	};
}

/** /readyz answers 200 (false while the server is down or starting). */
const ready = async (url: string) =>
	(await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(() => null))?.ok ===
	true;

async function start(dataDir: string, port?: number): Promise<ServerHandle> {
	return startServer(
		{
			SIMULATE: '1',
			SIMULATE_SCALE: String(args.scale),
			SIMULATE_BACKFILL: '0',
			WALLBOARD_TIMEZONE: TIMEZONE,
			READ_TOKEN: BENCH_READ_TOKEN,
			INGEST_RATE_LIMIT: '1000000000',
			...(port !== undefined ? { PORT: String(port) } : {})
		},
		{ dataDir, timeoutMs: 300_000 }
	);
}

async function main() {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hw-soak-'));
	// The smoke (CI) skips initdb: its first start is on a copy of the migrated template.
	if (SMOKE) await copyTemplateInto(dataDir);
	let server = await start(dataDir);
	const url = server.url;
	await waitUntil('/readyz', () => ready(url), 60_000);
	const clients = openClients(url, SOCKETS);
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	const samples: SoakSample[] = [];
	const restarts: Restart[] = [];
	const problems: string[] = [];
	try {
		const page = await browser.newPage({
			viewport: { width: Number(args.width), height: Number(args.height) }
		});
		const cdp = await page.context().newCDPSession(page);
		await page.goto(`${url}/wall?kiosk=1`);
		await page.locator('[data-tile]').first().waitFor({ timeout: 60_000 });
		await waitUntil('clients', async () => clients.connected() === SOCKETS, 60_000);
		console.log(
			`soak: ${url}, ${fmt(DURATION_MS / 3_600_000)} h, scale ${args.scale}, ${SOCKETS} clients, /wall at ${args.width}×${args.height}, ${TIMEZONE}; kill -9 every ${fmt(RESTART_MS / 60_000)} min`
		);
		const t0 = Date.now();
		const minute = () => (Date.now() - t0) / 60_000;
		let nextSample = t0;
		let nextRestart = t0 + RESTART_MS;
		let last = clients.counts();
		let lastAt = Date.now();
		while (Date.now() - t0 <= DURATION_MS) {
			if (Date.now() >= nextRestart) {
				nextRestart += RESTART_MS;
				const at = minute();
				await server.kill9();
				const killedAt = Date.now();
				server = await start(dataDir, server.port);
				const listeningMs = Date.now() - killedAt;
				await waitUntil('/readyz', () => ready(url), 60_000);
				const readyMs = Date.now() - killedAt;
				const within = async (what: () => Promise<boolean>) => {
					try {
						await waitUntil('back', what, 120_000);
						return Date.now() - killedAt;
					} catch {
						return null;
					}
				};
				const wallFreshMs = await within(
					async () =>
						(await page.locator('[data-testid="wall"]').getAttribute('data-freshness')) === 'fresh'
				);
				const clientsBackMs = await within(async () => clients.connected() === SOCKETS);
				restarts.push({ atMinute: at, listeningMs, readyMs, wallFreshMs, clientsBackMs });
				console.log(
					`restart at ${fmt(at)} min: listening ${fmt(listeningMs)} ms, ready ${fmt(readyMs)} ms, wall fresh ${fmt(wallFreshMs)} ms, clients back ${fmt(clientsBackMs)} ms`
				);
				if (wallFreshMs === null) problems.push(`the wall was not fresh 120 s after restart`);
				if (clientsBackMs === null) problems.push(`clients not all back 120 s after restart`);
			}
			if (Date.now() >= nextSample) {
				nextSample += SAMPLE_MS;
				const s = await serverFigures(url);
				const w = await wallFigures(page, cdp);
				const counts = clients.counts();
				const seconds = (Date.now() - lastAt) / 1000;
				const sample: SoakSample = {
					minute: minute(),
					rssMb: s?.rssMb ?? null,
					heapMb: s?.heapMb ?? null,
					lagP99Ms: s?.lagP99Ms ?? null,
					...w,
					clientsConnected: clients.connected(),
					patchesPerClientPerSecond: (counts.patches - last.patches) / SOCKETS / seconds,
					snapshots: counts.snapshots - last.snapshots
				};
				last = counts;
				lastAt = Date.now();
				samples.push(sample);
				console.log(
					`min ${fmt(sample.minute).padStart(6)}  server RSS ${fmt(sample.rssMb)} MB heap ${fmt(sample.heapMb)} MB lag p99 ${fmt(sample.lagP99Ms)} ms | wall heap ${fmt(w.wallHeapMb)} MB DOM ${w.wallDomNodes} listeners ${w.wallListeners} ${w.wallFreshness} | clients ${sample.clientsConnected}/${SOCKETS}, ${fmt(sample.patchesPerClientPerSecond)} patches/s each`
				);
			}
			await sleep(Math.max(50, Math.min(nextSample, nextRestart) - Date.now()));
		}
	} finally {
		clients.close();
		await browser.close();
		await server.stop();
		removeDir(dataDir);
	}

	const trends = {
		rssMb: trendPerHour(samples, 'rssMb'),
		heapMb: trendPerHour(samples, 'heapMb'),
		lagP99Ms: trendPerHour(samples, 'lagP99Ms'),
		wallHeapMb: trendPerHour(samples, 'wallHeapMb'),
		wallDomNodes: trendPerHour(samples, 'wallDomNodes'),
		wallListeners: trendPerHour(samples, 'wallListeners')
	};
	const result = {
		command: `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim(),
		at: new Date().toISOString(),
		hours: DURATION_MS / 3_600_000,
		scale: Number(args.scale),
		sockets: SOCKETS,
		viewport: `${args.width}x${args.height}`,
		timezone: TIMEZONE,
		restarts,
		trends,
		samples,
		problems
	};
	writeFileSync(OUT, `${JSON.stringify(result, null, '\t')}\n`);
	if (args.svg)
		writeFileSync(
			args.svg,
			curvesSvg(
				samples,
				restarts.map((r) => r.atMinute)
			)
		);

	const every = Math.max(1, Math.ceil(samples.length / 40));
	console.log(
		'\n| minute | server RSS MB | server heap MB | event loop p99 ms | wall heap MB | wall DOM nodes | wall listeners | clients |'
	);
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
	samples.forEach((s, i) => {
		if (i % every !== 0 && i !== samples.length - 1) return;
		console.log(
			`| ${fmt(s.minute)} | ${fmt(s.rssMb)} | ${fmt(s.heapMb)} | ${fmt(s.lagP99Ms)} | ${fmt(s.wallHeapMb)} | ${s.wallDomNodes} | ${s.wallListeners} | ${s.clientsConnected} |`
		);
	});
	console.log('\nslope per hour (least squares over all samples):');
	for (const [k, v] of Object.entries(trends)) console.log(`- ${k}: ${fmt(v)} per hour`);
	console.log(`wrote ${OUT}${args.svg ? ` and ${args.svg}` : ''}`);

	// What the smoke asserts (and a long run reports): every part ran and produced its figures.
	if (samples.length < 3) problems.push(`only ${samples.length} samples`);
	if (restarts.length === 0) problems.push('no restart happened');
	if (!samples.some((s) => s.rssMb !== null && s.lagP99Ms !== null))
		problems.push('no server sample');
	if (!samples.some((s) => s.wallDomNodes > 0)) problems.push('no wall sample');
	if (samples.every((s) => s.patchesPerClientPerSecond === 0)) problems.push('no patch arrived');
	if (problems.length) {
		console.error(`soak: ${problems.join('; ')}`);
		process.exitCode = 1;
	}
}

await main();
