/**
 * Step `boards` (issue 13): the wall under the simulator (scale 5) at 3840×2160 in Chromium.
 * 1. Board switches: the page's socket gets `screen` assignments injected (a WebSocket route, as
 *    an admin's change arrives at an enrolled screen), cycling the four built-in boards; each
 *    switch waits until the board is drawn. JS heap after a forced GC and DOM nodes (CDP
 *    Memory.getDOMCounters) at the start and after every quarter of the switches: flat means no
 *    leak. 2. Main-thread ms per update (bench/browser.ts measurePage) for the smallest standard
 *    board (tickets, 5 tiles) and the largest (hall, 10 tiles).
 */
import { chromium, type Browser } from '@playwright/test';
import { measurePage, type PageFigures } from './browser';
import { createDatabase, startReal } from './servers';
import { sleep } from './stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';

export type SwitchSample = {
	switches: number;
	heapMb: number;
	domNodes: number;
	listeners: number;
};

export type BoardsFigures = {
	switches: number;
	msPerSwitch: number;
	samples: SwitchSample[];
	pages: PageFigures[];
};

const CYCLE = ['hall', 'tickets', 'queues', 'city'];

async function switchBoards(browser: Browser, url: string, switches: number) {
	const context = await browser.newContext({
		viewport: { width: 3840, height: 2160 },
		deviceScaleFactor: 1
	});
	try {
		const page = await context.newPage();
		let inject: ((id: string) => void) | null = null;
		await page.routeWebSocket(/\/socket\.io\//, (ws) => {
			const server = ws.connectToServer();
			// The page is not an enrolled display, so the server would cut its socket for the
			// `screen.showing` report the injected assignment makes it send: keep that one back.
			ws.onMessage((m) => {
				if (!String(m).includes('"screen.showing"')) server.send(m);
			});
			inject = (id) => ws.send(`42${JSON.stringify(['screen', { board: id }])}`);
		});
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');
		const sample = async (n: number): Promise<SwitchSample> => {
			await cdp.send('HeapProfiler.collectGarbage');
			const { metrics } = await cdp.send('Performance.getMetrics');
			const dom = (await cdp.send('Memory.getDOMCounters')) as {
				nodes: number;
				jsEventListeners: number;
			};
			const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
			return {
				switches: n,
				heapMb: heap / 2 ** 20,
				domNodes: dom.nodes,
				listeners: dom.jsEventListeners
			};
		};
		/**
		 * Injects the assignment and waits until the board is drawn. A frame sent while the page's
		 * socket is between connections is lost, as a real one would be resent on the next
		 * connect: the assignment is sent again every 2 s until it shows.
		 */
		const show = async (id: string) => {
			const selector = `[data-testid="wall"][data-showing="${id}"] [data-tile]`;
			for (let attempt = 0; ; attempt++) {
				inject!(id);
				try {
					// A locator, not page.waitForSelector: that returns an ElementHandle, which pins the
					// tile's detached DOM in DevTools until disposed (it read as a 109-node-per-switch
					// leak of the page; heap snapshots showed every leaked tile held by "DevTools console").
					await page.locator(selector).first().waitFor({ timeout: 2000 });
					return;
				} catch (err) {
					if (attempt >= 15) throw err;
				}
			}
		};
		await page.goto(`${url}/wall`, { waitUntil: 'load' });
		await page
			.locator('[data-testid="board-view"] [data-tile]')
			.first()
			.waitFor({ timeout: 60_000 });
		// One full cycle first, so that every tile type's code and the map's geometry are loaded.
		for (const id of CYCLE) await show(id);
		await sleep(500);
		const samples = [await sample(0)];
		// Samples are taken on the same board as the first one (a whole number of cycles later), so
		// that a difference is what stayed behind, not a bigger board.
		const quarter = Math.max(CYCLE.length, Math.floor(switches / 4 / CYCLE.length) * CYCLE.length);
		let busy = 0;
		for (let i = 1; i <= switches; i++) {
			const id = CYCLE[(i - 1) % CYCLE.length]!;
			const s = Date.now();
			await show(id);
			busy += Date.now() - s;
			if (i % quarter === 0 || i === switches) samples.push(await sample(i));
		}
		return { msPerSwitch: busy / switches, samples };
	} finally {
		await context.close();
	}
}

export async function runBoards(o: {
	switches: number;
	seconds: number;
	tempDir: () => string;
	log: (s: string) => void;
}): Promise<BoardsFigures> {
	const db = await createDatabase('pglite', o.tempDir);
	try {
		const server = await startReal(db, {
			SIMULATE: '1',
			SIMULATE_SCALE: '5',
			SIMULATE_BACKFILL: '0'
		});
		let browser: Browser | undefined;
		try {
			browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
			o.log(`boards: ${o.switches} board switches at 3840×2160`);
			const { msPerSwitch, samples } = await switchBoards(browser, server.url, o.switches);
			const pages: PageFigures[] = [];
			for (const board of ['tickets', 'hall']) {
				o.log(`boards: /wall?board=${board} at 3840×2160 for ${o.seconds} s`);
				pages.push(await measurePage(browser, server, `/wall?board=${board}`, o.seconds, false));
			}
			return { switches: o.switches, msPerSwitch, samples, pages };
		} finally {
			await browser?.close();
			await server.stop();
		}
	} finally {
		await db.drop();
	}
}
