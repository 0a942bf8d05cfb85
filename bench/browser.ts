/**
 * Step 5: the wall pages in Chromium at 3840×2160 under the simulator (SIMULATE=1, scale 5).
 * Main-thread cost per update from CDP Performance.getMetrics: `TaskDuration` (the renderer main
 * thread's busy time) is sampled each time a `patch` frame arrives on the page's WebSocket; the
 * delta between two samples divided by the patches that arrived in between is one update's cost
 * (everything the main thread did in that interval: socket handling, Svelte updates, style,
 * layout, paint recording, timers). JS heap (JSHeapUsedSize) at the start and after N minutes,
 * and after a forced GC.
 */
import { chromium, type Browser } from '@playwright/test';
import { ClientPool } from './clients';
import { createPoster } from './load';
import { createDatabase, startReal, TEST_INGEST_TOKEN, type RealServer } from './servers';
import { sleep, summarize, type Summary } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';

/** Undispatched emergency tickets created 2 h ago: the overdue list is full (50 rows). */
const OVERDUE_TICKETS = 60;

export type PageFigures = {
	path: string;
	seconds: number;
	patches: number;
	msPerUpdate: Summary;
	/** Σ TaskDuration / patches over the whole window. */
	meanMsPerUpdate: number;
	scriptMsPerUpdate: number;
	layoutAndStyleMsPerUpdate: number;
	heapStartMb: number;
	heapEndMb: number;
	heapAfterGcMb: number;
	/** With --profile: a Chromium trace of 5 s, main-thread ms per update by trace event. */
	trace?: Record<string, number>;
};

/** Main-thread trace events worth naming (they nest: RunTask holds the others). */
const TRACE_EVENTS = [
	'RunTask',
	'FunctionCall',
	'v8.callFunction',
	'TimerFire',
	'FireAnimationFrame',
	'UpdateLayoutTree',
	'Layout',
	'PrePaint',
	'Paint',
	'Layerize',
	'Commit',
	'MinorGC',
	'MajorGC'
];
const TRACE_SECONDS = 5;

type TraceEvent = {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	dur?: number;
	args?: { name?: string };
};

export type BrowserFigures = {
	scale: number;
	/** The snapshot a screen receives on this server (scale 5, overdue list full), bytes. */
	snapshotBytes: number | null;
	pages: PageFigures[];
	skipped: string[];
};

type Metrics = Record<string, number>;

export async function measurePage(
	browser: Browser,
	server: RealServer,
	path: string,
	seconds: number,
	trace: boolean
): Promise<PageFigures> {
	const context = await browser.newContext({
		viewport: { width: 3840, height: 2160 },
		deviceScaleFactor: 1
	});
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');
		const read = async (): Promise<Metrics> => {
			const { metrics } = await cdp.send('Performance.getMetrics');
			return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
		};
		let patches = 0;
		let recording = false;
		let sampling = false;
		const samples: Array<{ patches: number; m: Metrics }> = [];
		page.on('websocket', (ws) => {
			ws.on('framereceived', ({ payload }) => {
				if (typeof payload !== 'string' || !payload.startsWith('42["patch"')) return;
				patches++;
				if (!recording || sampling) return;
				sampling = true;
				const at = patches;
				read()
					.then((m) => samples.push({ patches: at, m }))
					.catch(() => undefined)
					.finally(() => (sampling = false));
			});
		});
		await page.goto(server.url + path, { waitUntil: 'load' });
		await sleep(3000);
		const first = await read();
		samples.push({ patches, m: first });
		recording = true;
		const startPatches = patches;
		await sleep(seconds * 1000);
		recording = false;
		await sleep(200);
		const last = await read();
		samples.push({ patches, m: last });
		let traced: Record<string, number> | undefined;
		if (trace) {
			await browser.startTracing(page, { categories: ['devtools.timeline'] });
			const before = patches;
			await sleep(TRACE_SECONDS * 1000);
			const buffer = await browser.stopTracing();
			traced = mainThreadBreakdown(buffer, Math.max(1, patches - before));
		}
		await cdp.send('HeapProfiler.collectGarbage');
		const gc = await read();
		const perUpdate: number[] = [];
		for (let i = 1; i < samples.length; i++) {
			const a = samples[i - 1]!;
			const b = samples[i]!;
			const n = b.patches - a.patches;
			if (n > 0) perUpdate.push(((b.m.TaskDuration! - a.m.TaskDuration!) * 1000) / n);
		}
		const total = patches - startPatches;
		const per = (k: string) => ((last[k]! - first[k]!) * 1000) / Math.max(1, total);
		return {
			path,
			seconds,
			patches: total,
			msPerUpdate: summarize(perUpdate),
			meanMsPerUpdate: per('TaskDuration'),
			scriptMsPerUpdate: per('ScriptDuration'),
			layoutAndStyleMsPerUpdate: per('LayoutDuration') + per('RecalcStyleDuration'),
			heapStartMb: first.JSHeapUsedSize! / 2 ** 20,
			heapEndMb: last.JSHeapUsedSize! / 2 ** 20,
			heapAfterGcMb: gc.JSHeapUsedSize! / 2 ** 20,
			trace: traced
		};
	} finally {
		await context.close();
	}
}

/** Total duration of the named events on the renderer's main thread, in ms per update. */
function mainThreadBreakdown(buffer: Buffer, updates: number): Record<string, number> {
	const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
	const main = traceEvents.find(
		(e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
	);
	const totals: Record<string, number> = {};
	if (!main) return totals;
	for (const e of traceEvents) {
		if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !TRACE_EVENTS.includes(e.name))
			continue;
		totals[e.name] = (totals[e.name] ?? 0) + (e.dur ?? 0) / 1000 / updates;
	}
	return totals;
}

export async function runBrowser(o: {
	trace: boolean;
	seconds: number;
	tempDir: () => string;
	log: (s: string) => void;
}): Promise<BrowserFigures> {
	const figures: BrowserFigures = { scale: 5, snapshotBytes: null, pages: [], skipped: [] };
	const db = await createDatabase('pglite', o.tempDir);
	try {
		const server = await startReal(db, {
			SIMULATE: '1',
			SIMULATE_SCALE: '5',
			SIMULATE_BACKFILL: '0'
		});
		const poster = createPoster(server.url, TEST_INGEST_TOKEN, 1);
		let browser: Browser | undefined;
		try {
			const createdAt = Date.now() - 2 * 3_600_000;
			const tickets = Array.from({ length: OVERDUE_TICKETS }, (_, i) => ({
				id: `bench-overdue-${i}`,
				type: 'ticket.created',
				at: createdAt + i * 1000,
				ticketId: `bench-overdue-${i}`,
				category: 'emergency',
				kind: 'help',
				district: '东城区'
			}));
			await poster.post(JSON.stringify(tickets));
			const probe = new ClientPool(server.url);
			try {
				await sleep(1500);
				await probe.connect(1);
				figures.snapshotBytes = probe.wire.snapshot[0] ?? null;
			} finally {
				probe.close();
			}
			browser = await chromium.launch({
				executablePath: CHROMIUM_PATH,
				args: CHROMIUM_ARGS
			});
			const paths = ['/wall', '/'];
			for (const path of paths) {
				const res = await fetch(server.url + path);
				if (res.status !== 200) {
					const body = (await res.text()).replace(/\s+/g, ' ').slice(0, 120);
					figures.skipped.push(`${path}: GET answered ${res.status} (${body})`);
					continue;
				}
				// The wall is the screen the target is about; the first page gets a shorter look.
				const seconds =
					path === '/' && figures.pages.length > 0 ? Math.min(o.seconds, 10) : o.seconds;
				o.log(`browser: ${path} at 3840×2160 for ${seconds} s`);
				figures.pages.push(await measurePage(browser, server, path, seconds, o.trace));
			}
		} finally {
			await browser?.close();
			poster.close();
			await server.stop();
		}
	} finally {
		await db.drop();
	}
	return figures;
}
