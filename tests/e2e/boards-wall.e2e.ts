/**
 * Boards on the wall (issue 13) in Chromium against the built server with two hours of demo
 * traffic: every built-in board shows exactly its tiles, each on its grid cells (bounding boxes
 * against the cells); a board stored through the API likewise; a playlist rotates twice with no
 * navigation; a red alert brings the playlist's red-alert board forward until acknowledged; an
 * enrolled screen follows its assignment and its night schedule (pinned clock); a touch pauses
 * the rotation for a minute. Screenshots of each built-in board at 1920×1080 and 3840×2160 in
 * zh-CN and en go to test-results/boards-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { BUILT_IN_BOARDS } from '../../src/lib/boards/builtin';
import type { Alert, AlertList, Board } from '../../src/lib/contract';
import {
	TEST_ADMIN_PASSWORD,
	authHeaders,
	enrolDisplay,
	formAction,
	signIn
} from '../helpers/auth';
import { createTempDatabase } from '../helpers/pg';
import { TEST_INGEST_TOKEN, removeDir, startServer, type ServerHandle } from '../helpers/server';
import { hallEvents } from './wall-seed';

let server: ServerHandle;
let db: { url: string; drop(): Promise<void> };

const STORED: Omit<Board, 'id'> = {
	name: '测试看板 Test board',
	columns: 8,
	rows: 4,
	tiles: [
		{ type: 'waiting', x: 0, y: 0, w: 2, h: 2, options: { queue: 'elderly' } },
		{ type: 'clock', x: 2, y: 0, w: 2, h: 1 },
		{ type: 'alerts', x: 2, y: 1, w: 6, h: 1 },
		{ type: 'serviceLevel', x: 4, y: 0, w: 2, h: 1, options: { queue: 'no-such-queue' } },
		{ type: 'districtRanking', x: 0, y: 2, w: 4, h: 2, options: { metric: 'today' } },
		{ type: 'overdue', x: 4, y: 2, w: 4, h: 2 }
	]
};

async function put(path: string, body: unknown) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'PUT',
		headers: { ...(await authHeaders(server, 'manager')), 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	expect(res.status, await res.clone().text()).toBe(200);
}

test.beforeAll(async () => {
	test.setTimeout(240_000);
	db = await createTempDatabase('hw_boards_wall');
	server = await startServer(
		{ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DATABASE_URL: db.url, QUEUE_TARGETS: 'elderly=10' },
		{ timeoutMs: 180_000 }
	);
	const res = await fetch(`${server.url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(hallEvents(Date.now(), 'bw'))
	});
	expect(res.status).toBe(200);
	await put('/api/v1/boards/test-board', STORED);
	await put('/api/v1/playlists/two', {
		name: '两屏 Two',
		items: [
			{ board: 'queues', seconds: 5 },
			{ board: 'test-board', seconds: 5 }
		]
	});
	await put('/api/v1/playlists/red', {
		name: '告警 Red',
		items: [
			{ board: 'queues', seconds: 5 },
			{ board: 'test-board', seconds: 5 }
		],
		redAlertBoard: 'tickets'
	});
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
	await db?.drop();
});

const pageErrors: string[] = [];
test.beforeEach(({ page }) => {
	pageErrors.length = 0;
	page.on('pageerror', (err) => pageErrors.push(err.message));
});
test.afterEach(() => expect(pageErrors).toEqual([]));

/**
 * The tiles on screen (type and box) against the board: the same types in order, each box on its
 * cells of a grid of equal cells separated by the grid's gap (to 1.5 px).
 */
async function expectBoard(page: Page, board: Pick<Board, 'columns' | 'rows' | 'tiles'>) {
	const view = page.getByTestId('board-view');
	await expect(view.locator('[data-tile]')).toHaveCount(board.tiles.length);
	const measured = await view.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const cs = getComputedStyle(el);
		return {
			box: { x: r.x, y: r.y, width: r.width, height: r.height },
			colGap: parseFloat(cs.columnGap),
			rowGap: parseFloat(cs.rowGap),
			tiles: [...el.querySelectorAll('[data-tile]')].map((t) => {
				const b = t.getBoundingClientRect();
				return {
					type: t.getAttribute('data-tile'),
					x: b.x,
					y: b.y,
					width: b.width,
					height: b.height
				};
			})
		};
	});
	// Every data-tile is a tile's root: exactly one per tile, none nested.
	expect(measured.tiles.map((t) => t.type)).toEqual(board.tiles.map((t) => t.type));
	const cw = (measured.box.width - (board.columns - 1) * measured.colGap) / board.columns;
	const ch = (measured.box.height - (board.rows - 1) * measured.rowGap) / board.rows;
	board.tiles.forEach((t, i) => {
		const got = measured.tiles[i]!;
		const want = {
			x: measured.box.x + t.x * (cw + measured.colGap),
			y: measured.box.y + t.y * (ch + measured.rowGap),
			width: t.w * cw + (t.w - 1) * measured.colGap,
			height: t.h * ch + (t.h - 1) * measured.rowGap
		};
		for (const k of ['x', 'y', 'width', 'height'] as const) {
			expect(Math.abs(got[k] - want[k]), `tile ${i} (${t.type}) ${k}`).toBeLessThan(1.5);
		}
	});
}

/** Opens the wall signed in as a supervisor (a screen's own cookie, with `asScreen`). */
async function openWall(page: Page, query: string, asScreen = false) {
	if (!asScreen) await signIn(page, server, 'supervisor');
	await page.goto(`${server.url}/wall?${query}`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

test('each built-in board shows exactly its tiles on its cells; screenshots in both languages and sizes', async ({
	page
}) => {
	test.setTimeout(180_000);
	for (const [width, height] of [
		[1920, 1080],
		[3840, 2160]
	] as const) {
		await page.setViewportSize({ width, height });
		for (const lang of ['zh-CN', 'en']) {
			for (const board of BUILT_IN_BOARDS) {
				await openWall(page, `board=${board.id}${lang === 'en' ? '&lang=en' : ''}`);
				await expect(page.getByTestId('wall')).toHaveAttribute('data-showing', board.id);
				await expectBoard(page, board);
				if (board.tiles.some((t) => t.type === 'districtMap')) {
					await expect(page.locator('[data-tile="districtMap"] path[data-district]')).toHaveCount(
						16
					);
				}
				await page.screenshot({ path: `test-results/boards-${board.id}-${lang}-${width}.png` });
			}
		}
	}
});

test('a board stored through the API shows exactly its tiles; a missing queue shows "—" and its name', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await openWall(page, 'board=test-board');
	await expectBoard(page, STORED);
	const waiting = page.locator('[data-tile="waiting"]');
	await expect(waiting.locator('h2')).toHaveText('排队中 · 老年人');
	const missing = page.locator('[data-tile="serviceLevel"]');
	await expect(missing.getByTestId('no-queue-digits')).toHaveText('—');
	await expect(missing).toContainText('no-such-queue');
	await expect(page.locator('[data-tile="clock"]').getByTestId('clock-time-digits')).toHaveText(
		/^\d{2}:\d{2}:\d{2}$/
	);
	await page.screenshot({ path: 'test-results/boards-stored-1920.png' });

	// A board that does not exist: said on the screen, not a blank one.
	await openWall(page, 'board=nowhere');
	await expect(page.getByTestId('board-problem')).toContainText('看板 nowhere 不存在');
	// Stored later, it appears by itself (boards.changed only concerns boards a screen asked for,
	// so the retry brings it: within RETRY_MS).
	await put('/api/v1/boards/nowhere', { ...STORED, name: 'Now here' });
	await expect(page.getByTestId('board-view')).toBeVisible({ timeout: 15_000 });
	await expectBoard(page, STORED);
});

test('the service-level label names the queue target (QUEUE_TARGETS elderly=10, hall 15)', async ({
	page
}) => {
	await put('/api/v1/boards/sl', {
		name: 'SL',
		columns: 4,
		rows: 2,
		tiles: [
			{ type: 'serviceLevel', x: 0, y: 0, w: 2, h: 2 },
			{ type: 'serviceLevel', x: 2, y: 0, w: 2, h: 2, options: { queue: 'elderly' } }
		]
	});
	await page.setViewportSize({ width: 1920, height: 1080 });
	await openWall(page, 'board=sl');
	const titles = page.locator('[data-tile="serviceLevel"] h2');
	await expect(titles).toHaveText(['今日 15 秒服务水平', '今日 10 秒服务水平 · 老年人']);
});

test('a playlist rotates twice with no navigation; a board changed meanwhile re-renders in place', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1920, height: 1080 });
	await openWall(page, 'playlist=two');
	const wall = page.getByTestId('wall');
	await expect(wall).toHaveAttribute('data-showing', 'queues');
	await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'kept'));
	const seen: string[] = [];
	for (const id of ['test-board', 'queues', 'test-board']) {
		await expect(wall).toHaveAttribute('data-showing', id, { timeout: 8000 });
		seen.push(id);
		await expectBoard(page, BUILT_IN_BOARDS.find((b) => b.id === id) ?? STORED);
	}
	expect(seen).toEqual(['test-board', 'queues', 'test-board']);
	// Edited while shown: the new layout, still the same page.
	const edited = { ...STORED, tiles: STORED.tiles.slice(0, 2) };
	await put('/api/v1/boards/test-board', edited);
	await expect(page.locator('[data-testid="board-view"] [data-tile]')).toHaveCount(2);
	await expectBoard(page, edited);
	await put('/api/v1/boards/test-board', STORED);
	expect(
		await page.evaluate(() => ({
			navigations: performance.getEntriesByType('navigation').length,
			marker: (window as unknown as { __marker?: string }).__marker
		}))
	).toEqual({ navigations: 1, marker: 'kept' });
});

/** Passes the socket through and lets the test push an `alerts` list of its own. */
async function alertsInjector(page: Page) {
	let send: ((list: AlertList) => void) | null = null;
	await page.routeWebSocket(/\/socket\.io\//, (ws) => {
		const upstream = ws.connectToServer();
		upstream.onMessage((m) => {
			// Keep the server's own alert lists off, so the test's list stands.
			if (/^42\["alerts"/.test(String(m))) return;
			ws.send(m);
		});
		send = (list) => ws.send(`42${JSON.stringify(['alerts', list])}`);
	});
	return (list: AlertList) => {
		if (!send) throw new Error('no socket yet');
		send(list);
	};
}

test('a red alert brings the playlist’s red-alert board forward until it is acknowledged', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	const push = await alertsInjector(page);
	await openWall(page, 'playlist=red');
	const wall = page.getByTestId('wall');
	// The demo traffic's own alerts are held back: the rotation runs.
	push({ active: [], recent: [] });
	await expect(wall).toHaveAttribute('data-reason', 'playlist');
	const red: Alert = {
		id: 1,
		key: 'longestWaitSeconds:all',
		metric: 'longestWaitSeconds',
		scope: 'all',
		level: 'bad',
		value: 600,
		raisedAt: new Date().toISOString(),
		clearedAt: null,
		ackedAt: null,
		ackedBy: null
	};
	push({ active: [red], recent: [] });
	await expect(wall).toHaveAttribute('data-showing', 'tickets');
	await expect(wall).toHaveAttribute('data-reason', 'redAlert');
	await expectBoard(
		page,
		BUILT_IN_BOARDS.find((b) => b.id === 'tickets')!
	);
	// It stays through the rotation's steps.
	await page.waitForTimeout(6000);
	await expect(wall).toHaveAttribute('data-showing', 'tickets');
	push({
		active: [{ ...red, ackedAt: new Date().toISOString(), ackedBy: 'lead' }],
		recent: []
	});
	await expect(wall).toHaveAttribute('data-reason', 'playlist');
	await expect(wall).not.toHaveAttribute('data-showing', 'tickets');
});

test('a touch pauses the rotation (a mark says so) and it resumes after a minute without one', async ({
	page
}) => {
	await page.clock.install({ time: Date.now() });
	await page.setViewportSize({ width: 1920, height: 1080 });
	await openWall(page, 'playlist=two&kiosk=1');
	const wall = page.getByTestId('wall');
	await expect(wall).toHaveAttribute('data-showing', 'queues');
	await page.mouse.click(400, 400);
	await expect(page.getByTestId('wall-paused')).toBeVisible();
	await page.clock.runFor(20_000);
	await expect(wall).toHaveAttribute('data-showing', 'queues');
	await page.screenshot({ path: 'test-results/boards-paused-1920.png' });
	// A minute after the touch the pause ends and the next tick steps to the next board, which
	// then stays its 5 s: 41 s more lands inside them (65 s would be back on the first board).
	await page.clock.runFor(41_000);
	await expect(page.getByTestId('wall-paused')).toHaveCount(0);
	await expect(wall).toHaveAttribute('data-showing', 'test-board');
	// Kiosk: no control anywhere.
	await expect(page.locator('a, button, select, input')).toHaveCount(0);
});

test('an enrolled screen follows its assignment within 5 s and its night schedule (pinned clock)', async ({
	page
}) => {
	test.setTimeout(90_000);
	const screen = await enrolDisplay(server, `Boards wall ${Date.now()}`);
	const [name, value] = screen.cookie.split('=') as [string, string];
	await page.context().addCookies([{ name, value, url: server.url, httpOnly: true }]);
	const admin = (await authHeaders(server, 'admin')).cookie ?? '';
	const assign = (fields: Record<string, string>) =>
		formAction(server, admin, '/admin/displays?/assign', {
			id: screen.id,
			name: screen.name,
			...fields
		});

	// 23:00 in Beijing today (15:00Z): inside a 22:00–06:00 night.
	const night = new Date();
	night.setUTCHours(15, 0, 0, 0);
	await page.clock.install({ time: night });
	await page.setViewportSize({ width: 1920, height: 1080 });
	await openWall(page, 'kiosk=1', true);
	const wall = page.getByTestId('wall');
	await expect(wall).toHaveAttribute('data-showing', 'hall');

	const t0 = Date.now();
	await assign({ show: 'board:queues' });
	await expect(wall).toHaveAttribute('data-showing', 'queues', { timeout: 5000 });
	expect(Date.now() - t0).toBeLessThan(5000);

	await assign({
		show: 'board:queues',
		night: 'board',
		nightFrom: '22:00',
		nightTo: '06:00',
		nightBoard: 'city'
	});
	await expect(wall).toHaveAttribute('data-showing', 'city', { timeout: 5000 });
	await expect(wall).toHaveAttribute('data-reason', 'night');

	await assign({ show: 'board:queues', night: 'dim', nightFrom: '22:00', nightTo: '06:00' });
	await expect(wall).toHaveAttribute('data-showing', 'queues', { timeout: 5000 });
	await expect(wall).toHaveAttribute('data-dimmed', 'yes');
	await page.screenshot({ path: 'test-results/boards-dimmed-1920.png' });

	// A power cut: the screen comes back to its assignment by itself.
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
	await expect(wall).toHaveAttribute('data-showing', 'queues');
	await expect(wall).toHaveAttribute('data-dimmed', 'yes');

	// Morning (07:00 Beijing): the night is over.
	await page.clock.setSystemTime(new Date(night.getTime() + 8 * 3600_000));
	await page.clock.runFor(2000);
	await expect(wall).toHaveAttribute('data-dimmed', 'no');
});
