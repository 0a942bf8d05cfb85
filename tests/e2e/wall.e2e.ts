/**
 * The hall wall display (/wall) in Chromium at 1920×1080 and 3840×2160: live numbers, threshold
 * levels in colour and word, no PII in the page or its socket traffic, no overflow, key digits
 * at least 8 % of the screen height, and the stale banner across a server restart.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TEST_ADMIN_PASSWORD, authHeaders, signIn } from '../helpers/auth';
import { TEST_INGEST_TOKEN, removeDir, startServer, type ServerHandle } from '../helpers/server';
import { SEED_PII, hallEvents } from './wall-seed';
import { findClipped } from './wall-measure';
import { noonZone } from '../helpers/clock';

const auth = { authorization: `Bearer ${TEST_INGEST_TOKEN}` };
const SIZES = [
	[1920, 1080],
	[3840, 2160]
] as const;
const DOCS = path.resolve(import.meta.dirname, '../../static/docs');
const PII_VALUES = Object.values(SEED_PII);

/** Reads a figure's text as a number ("1,234" → 1234). */
async function figure(page: Page, testid: string): Promise<number> {
	const text = (await page.getByTestId(testid).textContent()) ?? '';
	return Number(text.replace(/[^\d.]/g, ''));
}

/** Collects every Socket.IO frame the page receives. */
function recordFrames(page: Page): string[] {
	const frames: string[] = [];
	page.on('websocket', (ws) => {
		ws.on('framereceived', (f) => frames.push(String(f.payload)));
		ws.on('framesent', (f) => frames.push(String(f.payload)));
	});
	return frames;
}

async function post(url: string, events: unknown[]) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify(events)
	});
	expect(res.status).toBe(200);
	const body = (await res.json()) as { rejected: unknown[] };
	expect(body.rejected).toEqual([]);
}

/** Height of the digit 0 as rendered in the element's font, as a share of the viewport. */
function digitShare(page: Page, testid: string) {
	return page.getByTestId(testid).evaluate((el) => {
		const cs = getComputedStyle(el);
		const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
		ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
		const m = ctx.measureText('0');
		return (m.actualBoundingBoxAscent + m.actualBoundingBoxDescent) / window.innerHeight;
	});
}

test.describe('on the shared server', () => {
	const base = () => process.env.E2E_BASE_URL as string;
	test.beforeAll(async () => {
		await post(base(), hallEvents(Date.now(), `seed-${Date.now()}`));
	});

	for (const [width, height] of SIZES) {
		test(`${width}×${height}: live numbers, no PII, no overflow, big digits`, async ({
			page
		}, info) => {
			await page.setViewportSize({ width, height });
			const frames = recordFrames(page);
			await page.goto('/wall');
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
			await expect(page.getByTestId('waiting-digits')).toBeVisible();

			const waiting = await figure(page, 'waiting-digits');
			const pending = await figure(page, 'pending-emergency');
			const now = Date.now();
			const posted = performance.now();
			await post(base(), [
				{ ...callOffered(`w-${width}-${now}`, now - 5000), caller: SEED_PII.caller },
				{
					id: `w-${width}-${now}-t`,
					type: 'ticket.created',
					at: now,
					ticketId: `w-${width}-${now}-t`,
					category: 'emergency',
					kind: 'help',
					district: '朝阳区',
					...SEED_PII
				}
			]);
			await expect(page.getByTestId('waiting-digits')).toHaveText(String(waiting + 1), {
				timeout: 1000
			});
			await expect(page.getByTestId('pending-emergency')).toHaveText(String(pending + 1), {
				timeout: 1000
			});
			expect(performance.now() - posted).toBeLessThan(1500);

			// No PII in the page or in anything the socket carried.
			const html = await page.content();
			const traffic = frames.join('\n');
			expect(frames.length).toBeGreaterThan(1);
			for (const value of PII_VALUES) {
				expect(html).not.toContain(value);
				expect(traffic).not.toContain(value);
			}
			expect(html).not.toContain('李娜');
			expect(traffic).not.toContain('李娜');

			// The board fills the screen exactly.
			const size = await page.evaluate(() => ({
				w: document.documentElement.scrollWidth,
				h: document.documentElement.scrollHeight,
				board: document.querySelector('[data-testid="wall"]')?.getBoundingClientRect().toJSON()
			}));
			expect(size).toEqual({
				w: width,
				h: height,
				board: { x: 0, y: 0, left: 0, top: 0, width, height, right: width, bottom: height }
			});
			expect(await findClipped(page)).toEqual([]);

			// Key digits at least 8 % of the screen height.
			for (const id of [
				'waiting-digits',
				'longest-wait-digits',
				'service-level-digits',
				'answer-rate-digits'
			]) {
				expect(await digitShare(page, id), id).toBeGreaterThanOrEqual(0.08);
			}

			// Wait for the chart, then keep the screenshot (also for the README).
			await expect(page.locator('[data-testid="series-chart"] path.bars').first()).toBeAttached();
			const file = info.outputPath(`wall-${width}x${height}.png`);
			await page.screenshot({ path: file });
			await info.attach(`wall-${width}x${height}`, { path: file, contentType: 'image/png' });
			// UPDATE_DOCS_SCREENSHOTS=1 npm run test:e2e refreshes the README's copies; a plain run
			// leaves the tracked files alone.
			if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
				mkdirSync(DOCS, { recursive: true });
				copyFileSync(file, path.join(DOCS, `wall-${width}x${height}.png`));
			}

			// Answer the call again so that later tests see the hall as it was.
			await post(base(), [callAnswered(`w-${width}-${now}`, Date.now())]);
		});
	}

	test('English and high contrast have no overflow either', async ({ page }) => {
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto('/wall?lang=en&theme=contrast&kiosk=1');
		await expect(page.getByTestId('connection')).toHaveText(/Live/);
		await expect(page.getByText('Calls waiting')).toBeVisible();
		await expect(page.getByRole('link')).toHaveCount(0); // kiosk: no chrome
		expect(await findClipped(page)).toEqual([]);
	});
});

function callOffered(callId: string, at: number, queue = 'general') {
	return { id: `${callId}-o`, type: 'call.offered', at, callId, queue };
}
function callAnswered(callId: string, at: number) {
	return { id: `${callId}-a`, type: 'call.answered', at, callId, agentId: 'A1' };
}

/** A free TCP port, so that a restarted server can come back on the same one. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

test.describe('on a server of its own', () => {
	let server: ServerHandle | undefined;
	let port = 0;
	const zone = noonZone();
	test.beforeEach(async () => {
		port = await freePort();
		// With accounts: a manager's browser watches the wall and changes the bands.
		server = await startServer({
			PORT: String(port),
			WALLBOARD_TIMEZONE: zone,
			ADMIN_PASSWORD: TEST_ADMIN_PASSWORD
		});
	});
	test.afterEach(async () => {
		await server?.stop();
		if (server) removeDir(server.dataDir);
	});

	test('a threshold crossing flips colour and word, by events and by a new band', async ({
		page
	}) => {
		const url = server!.url;
		const manager = await authHeaders(server!, 'manager');
		await signIn(page, server!, 'manager');
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${url}/wall`);
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
		const sl = page.getByTestId('tile-service-level-level');
		const slDigits = page.getByTestId('service-level');
		await expect(sl).toHaveAttribute('data-level', 'none');
		const colour = () => slDigits.evaluate((el) => getComputedStyle(el).color);

		// One call answered in 5 s: service level 100 %, good.
		const now = Date.now();
		await post(url, [callOffered('t1', now - 10_000), callAnswered('t1', now - 5000)]);
		await expect(sl).toHaveAttribute('data-level', 'good', { timeout: 1000 });
		await expect(sl).toHaveText('达标');
		const good = await colour();
		// Two abandoned: 1 / 3 = 33 % < 80 %, bad.
		await post(url, [
			callOffered('t2', now - 9000),
			{ id: 't2-x', type: 'call.abandoned', at: now - 3000, callId: 't2' },
			callOffered('t3', now - 9000),
			{ id: 't3-x', type: 'call.abandoned', at: now - 3000, callId: 't3' }
		]);
		await expect(sl).toHaveAttribute('data-level', 'bad', { timeout: 1000 });
		await expect(sl).toHaveText('超标');
		const bad = await colour();
		expect(bad).not.toBe(good);
		await expect(page.getByTestId('tile-service-level')).toHaveClass(/alarm/);

		// A new band, stored on the server and pushed: 33 % is "warn" between 30 % and 40 %.
		const put = await fetch(`${url}/api/v1/thresholds`, {
			method: 'PUT',
			headers: { ...manager, 'content-type': 'application/json' },
			body: JSON.stringify({ metrics: { serviceLevelToday: { good: 0.4, warn: 0.3 } } })
		});
		expect(put.status).toBe(200);
		await expect(sl).toHaveAttribute('data-level', 'warn', { timeout: 1000 });
		await expect(sl).toHaveText('预警');
		expect(await colour()).not.toBe(bad);
		expect(await colour()).not.toBe(good);
		const stored = (await (
			await fetch(`${url}/api/v1/thresholds`, { headers: manager })
		).json()) as {
			metrics: { serviceLevelToday: unknown };
		};
		expect(stored.metrics.serviceLevelToday).toEqual({ good: 0.4, warn: 0.3 });

		// Bad input is refused with the field named; nobody signed in, or a supervisor, may not.
		const invalid = await fetch(`${url}/api/v1/thresholds`, {
			method: 'PUT',
			headers: { ...manager, 'content-type': 'application/json' },
			body: JSON.stringify({ metrics: { serviceLevelToday: { good: 90, warn: 80 } } })
		});
		expect(invalid.status).toBe(400);
		expect(JSON.stringify(await invalid.json())).toContain('metrics.serviceLevelToday.good');
		const anonymous = await fetch(`${url}/api/v1/thresholds`, { method: 'PUT', body: '{}' });
		expect(anonymous.status).toBe(401);
		const supervisor = await fetch(`${url}/api/v1/thresholds`, {
			method: 'PUT',
			headers: {
				...(await authHeaders(server!, 'supervisor')),
				'content-type': 'application/json'
			},
			body: '{}'
		});
		expect(supervisor.status).toBe(403);
	});

	test('the stale banner appears when the server stops and clears with correct numbers', async ({
		page
	}) => {
		test.setTimeout(120_000);
		const url = server!.url;
		const supervisor = await authHeaders(server!, 'supervisor');
		await signIn(page, server!, 'supervisor');
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.goto(`${url}/wall`);
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
		const now = Date.now();
		await post(url, [callOffered('s1', now - 1000), callOffered('s2', now - 1000)]);
		await expect(page.getByTestId('waiting-digits')).toHaveText('2', { timeout: 1000 });
		await expect(page.getByTestId('stale-banner')).toHaveCount(0);

		const dataDir = server!.dataDir;
		await server!.stop();
		await expect(page.getByTestId('connection')).not.toHaveAttribute('data-state', 'live');
		const banner = page.getByTestId('stale-banner');
		await expect(banner).toBeVisible({ timeout: 13_000 });
		await expect(banner).toContainText(/数据已 1\d 秒未更新/);

		// Back on the same port and data; one more event arrives while the screen is away.
		// The session is stored: the supervisor's wall comes back without signing in again.
		server = await startServer(
			{ PORT: String(port), WALLBOARD_TIMEZONE: zone, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD },
			{ dataDir }
		);
		await post(url, [callOffered('s3', Date.now() - 1000), callAnswered('s1', Date.now())]);
		await expect(banner).toHaveCount(0, { timeout: 15_000 });
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
		// Exactly what the server has: s2 and s3 waiting, s1 answered.
		await expect(page.getByTestId('waiting-digits')).toHaveText('2');
		await expect(page.getByTestId('today-answered')).toHaveText('1');
		await expect(page.getByTestId('today-offered')).toHaveText('3');
		const snapshot = (await (
			await fetch(`${url}/api/v1/snapshot`, { headers: supervisor })
		).json()) as {
			calls: { all: { waiting: number; offeredToday: number } };
		};
		expect(snapshot.calls.all.waiting).toBe(2);
		expect(snapshot.calls.all.offeredToday).toBe(3);
	});
});
