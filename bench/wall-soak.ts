/**
 * The wall's 24/7 soak (issue 3): the built production server with heavy simulated traffic
 * (SIMULATE=1 SIMULATE_SCALE=5) on a temporary data folder, /wall at 3840×2160 in Chromium, and
 * every minute (after a forced GC) the JS heap, DOM nodes and event listeners; every few seconds
 * Chromium's own main-thread time (Performance.getMetrics TaskDuration) per update applied.
 *
 *   npm run build && node --import tsx bench/wall-soak.ts --minutes 30
 *
 * The hall's day runs in WALLBOARD_TIMEZONE; by default the soak picks a fixed-offset zone where
 * it is about 10:00 now, the morning peak, so that the traffic is heavy whatever the hour it runs
 * at (`--timezone Asia/Shanghai` for the real clock).
 *
 * Prints a table and writes bench/wall-soak.json.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { removeDir, startServer } from '../tests/helpers/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';

const { values: args } = parseArgs({
	options: {
		minutes: { type: 'string', default: '30' },
		scale: { type: 'string', default: '5' },
		width: { type: 'string', default: '3840' },
		height: { type: 'string', default: '2160' },
		'window-seconds': { type: 'string', default: '5' },
		'warmup-seconds': { type: 'string', default: '120' },
		timezone: { type: 'string' }
	}
});
const MINUTES = Number(args.minutes);
const WINDOW_MS = Number(args['window-seconds']) * 1000;
const WARMUP_MS = Number(args['warmup-seconds']) * 1000;
const OUT = path.join(import.meta.dirname, 'wall-soak.json');

/** A fixed-offset zone where the local hour is about `hour` now. */
function zoneAtHour(hour: number, now = Date.now()): string {
	const offset = Math.max(-12, Math.min(14, hour - new Date(now).getUTCHours()));
	return offset === 0 ? 'Etc/UTC' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
const TIMEZONE = args.timezone ?? zoneAtHour(10);

type Sample = {
	minute: number;
	heapUsedMB: number;
	domNodes: number;
	/** Of those, the chart's bars: one per minute and kind with a count, at most 120 × 4. */
	chartRects: number;
	/** Performance.getMetrics: every live JS event listener in the page. */
	jsEventListeners: number;
	/** DOMDebugger.getEventListeners on window and document. */
	windowListeners: number;
	documentListeners: number;
	updates: number;
};

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
	const { metrics: list } = await cdp.send('Performance.getMetrics');
	return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function listenerCount(cdp: CDPSession, expression: string): Promise<number> {
	const { result } = await cdp.send('Runtime.evaluate', { expression });
	if (!result.objectId) return -1;
	const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
		objectId: result.objectId
	});
	await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
	return listeners.length;
}

const updatesOf = (page: Page) =>
	page.evaluate(() => (window as unknown as { __wallUpdates?: number }).__wallUpdates ?? 0);

async function sample(page: Page, cdp: CDPSession, minute: number): Promise<Sample> {
	await cdp.send('HeapProfiler.collectGarbage');
	const heap = await cdp.send('Runtime.getHeapUsage');
	const m = await metrics(cdp);
	return {
		minute,
		heapUsedMB: +(heap.usedSize / 2 ** 20).toFixed(2),
		domNodes: await page.evaluate(() => document.getElementsByTagName('*').length),
		chartRects: await page.evaluate(
			() => document.querySelectorAll('[data-testid="series-chart"] rect').length
		),
		jsEventListeners: m.JSEventListeners ?? -1,
		windowListeners: await listenerCount(cdp, 'window'),
		documentListeners: await listenerCount(cdp, 'document'),
		updates: await updatesOf(page)
	};
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	const i = (sorted.length - 1) * q;
	const lo = Math.floor(i);
	const hi = Math.ceil(i);
	return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
	const server = await startServer(
		{
			SIMULATE: '1',
			SIMULATE_SCALE: String(args.scale),
			WALLBOARD_TIMEZONE: TIMEZONE,
			LOG_LEVEL: 'info'
		},
		{ timeoutMs: 300_000 }
	);
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS
	});
	try {
		const width = Number(args.width);
		const height = Number(args.height);
		const page = await browser.newPage({ viewport: { width, height } });
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
		await page.goto(`${server.url}/wall?kiosk=1`);
		await page.getByTestId('tile-waiting').waitFor({ timeout: 60_000 });
		console.log(
			`soak: ${server.url}/wall at ${width}×${height}, ${TIMEZONE}, warm-up ${WARMUP_MS / 1000} s`
		);
		await sleep(WARMUP_MS);

		const samples: Sample[] = [await sample(page, cdp, 0)];
		const windows: Array<{
			updates: number;
			taskMs: number;
			scriptMs: number;
			msPerUpdate: number;
		}> = [];
		let prev = await metrics(cdp);
		let prevUpdates = await updatesOf(page);
		const start = Date.now();
		let nextSampleAt = start + 60_000;
		while (Date.now() - start < MINUTES * 60_000) {
			await sleep(WINDOW_MS);
			const m = await metrics(cdp);
			const updates = await updatesOf(page);
			const du = updates - prevUpdates;
			const taskMs = ((m.TaskDuration ?? 0) - (prev.TaskDuration ?? 0)) * 1000;
			const scriptMs = ((m.ScriptDuration ?? 0) - (prev.ScriptDuration ?? 0)) * 1000;
			if (du > 0) windows.push({ updates: du, taskMs, scriptMs, msPerUpdate: taskMs / du });
			if (Date.now() >= nextSampleAt) {
				const s = await sample(page, cdp, Math.round((Date.now() - start) / 60_000));
				samples.push(s);
				console.log(
					`min ${String(s.minute).padStart(2)}  heap ${s.heapUsedMB.toFixed(1)} MB  DOM ${s.domNodes} (chart bars ${s.chartRects})  listeners ${s.jsEventListeners} (window ${s.windowListeners}, document ${s.documentListeners})  updates ${s.updates}`
				);
				nextSampleAt += 60_000;
				// The forced GC ran on the main thread: start the next window after it.
				prev = await metrics(cdp);
				prevUpdates = await updatesOf(page);
				continue;
			}
			prev = m;
			prevUpdates = updates;
		}

		const perUpdate = windows.map((w) => w.msPerUpdate).sort((a, b) => a - b);
		const scriptPerUpdate = windows.map((w) => w.scriptMs / w.updates).sort((a, b) => a - b);
		const first = samples[0] as Sample;
		const last = samples[samples.length - 1] as Sample;
		const totalUpdates = windows.reduce((n, w) => n + w.updates, 0);
		const result = {
			command: `node --import tsx bench/wall-soak.ts --minutes ${MINUTES}`,
			at: new Date().toISOString(),
			viewport: `${width}x${height}`,
			simulateScale: Number(args.scale),
			timezone: TIMEZONE,
			minutes: MINUTES,
			updates: totalUpdates,
			updatesPerSecond: +(totalUpdates / (windows.length * (WINDOW_MS / 1000))).toFixed(2),
			mainThreadMsPerUpdate: {
				method: `Performance.getMetrics TaskDuration delta / updates applied, per ${WINDOW_MS / 1000} s window (GC windows excluded)`,
				median: +quantile(perUpdate, 0.5).toFixed(3),
				p95: +quantile(perUpdate, 0.95).toFixed(3),
				max: +(perUpdate[perUpdate.length - 1] ?? NaN).toFixed(3),
				scriptMedian: +quantile(scriptPerUpdate, 0.5).toFixed(3),
				windows: perUpdate.length
			},
			start: first,
			end: last,
			samples
		};
		writeFileSync(OUT, `${JSON.stringify(result, null, '\t')}\n`);

		console.log('\n| figure | start | end |\n| --- | --- | --- |');
		for (const key of [
			'heapUsedMB',
			'domNodes',
			'chartRects',
			'jsEventListeners',
			'windowListeners',
			'documentListeners'
		] as const) {
			console.log(`| ${key} | ${first[key]} | ${last[key]} |`);
		}
		const mt = result.mainThreadMsPerUpdate;
		console.log(
			`\nmain thread per update: median ${mt.median} ms, p95 ${mt.p95} ms (script median ${mt.scriptMedian} ms), ${totalUpdates} updates, ${result.updatesPerSecond}/s`
		);
		console.log(`wrote ${OUT}`);
	} finally {
		await browser.close();
		await server.stop();
		removeDir(server.dataDir);
	}
}

await main();
