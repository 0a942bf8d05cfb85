/**
 * A board per screen in a real browser: an admin assigns a stored board (and a night schedule) to
 * an enrolled screen in /admin/displays; the screen's socket gets `screen` within 5 s, reports
 * what it shows, and the list shows it by name. Screenshots at 1920×1080, 3840×2160 and a tablet.
 */
import { expect, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	ScreenAssignment,
	ServerToClientEvents
} from '../../src/lib/contract';
import { TEST_ADMIN_PASSWORD, authHeaders, enrolDisplay, signIn } from '../helpers/auth';
import { createTempDatabase } from '../helpers/pg';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;
let db: { url: string; drop(): Promise<void> };

test.beforeAll(async () => {
	// On a busy machine PGlite's first migration can take a minute: PostgreSQL starts faster.
	test.setTimeout(240_000);
	db = await createTempDatabase('hw_screens');
	server = await startServer(
		{ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DATABASE_URL: db.url },
		{ timeoutMs: 180_000 }
	);
	const manager = await authHeaders(server, 'manager');
	const put = async (path: string, body: unknown) => {
		const res = await fetch(`${server.url}${path}`, {
			method: 'PUT',
			headers: { ...manager, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		expect(res.status).toBe(200);
	};
	await put('/api/v1/boards/dispatch-left', {
		name: '派单左屏 Dispatch left',
		columns: 12,
		rows: 6,
		tiles: [
			{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
			{ type: 'tickets', x: 0, y: 2, w: 8, h: 4 },
			{ type: 'overdue', x: 8, y: 0, w: 4, h: 6 }
		]
	});
	await put('/api/v1/playlists/day', {
		name: '白天轮播 Day rotation',
		items: [
			{ board: 'hall', seconds: 60 },
			{ board: 'dispatch-left', seconds: 30 }
		]
	});
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
	await db?.drop();
});

test('an admin assigns a board to an enrolled screen; it switches within 5 s and the list says so', async ({
	page
}) => {
	const screen = await enrolDisplay(server, '大厅左屏 Hall left');
	await enrolDisplay(server, '领导办公室 Office');
	const tv: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { cookie: screen.cookie }
	});
	const received: { at: number; assignment: ScreenAssignment }[] = [];
	// As a wall does: say what it shows whenever it is told.
	tv.on('screen', (assignment) => {
		received.push({ at: Date.now(), assignment });
		tv.emit('screen.showing', {
			board: assignment.board ?? 'hall',
			...(assignment.playlist ? { playlist: assignment.playlist } : {}),
			dimmed: false
		});
	});
	try {
		await expect.poll(() => received.length).toBe(1);
		expect(received[0]!.assignment).toEqual({ board: 'hall' });

		await page.setViewportSize({ width: 1920, height: 1080 });
		await signIn(page, server, 'admin');
		await page.goto(`${server.url}/admin/displays`);
		const row = page.locator('[data-testid="display-row"][data-name="大厅左屏 Hall left"]');
		await expect(row.getByTestId('assigned-board')).toHaveText('全场 Hall');
		await expect(row.getByTestId('now-showing')).toContainText('全场 Hall');

		const form = page.locator('[data-testid="assign-form"][data-name="大厅左屏 Hall left"]');
		await form.getByLabel('显示 Shows').selectOption({ label: '派单左屏 Dispatch left' });
		await form.getByLabel('夜间 At night').selectOption('dim');
		await form.getByLabel(/从 From/).fill('22:30');
		await form.getByLabel('到 To').fill('06:30');
		const t0 = Date.now();
		await form.getByRole('button', { name: '保存 Save' }).click();
		await expect(page.getByTestId('assigned')).toContainText('大厅左屏 Hall left');

		await expect.poll(() => received.length, { timeout: 5000 }).toBe(2);
		expect(received[1]!.assignment).toEqual({
			board: 'dispatch-left',
			night: { from: '22:30', to: '06:30', mode: 'dim' }
		});
		expect(received[1]!.at - t0).toBeLessThan(5000);
		await expect(row.getByTestId('assigned-board')).toHaveText('派单左屏 Dispatch left');
		await expect(row).toContainText('22:30–06:30 调暗 dimmed');
		await page.reload();
		await expect(row.getByTestId('now-showing')).toContainText('派单左屏 Dispatch left');
		await page.screenshot({ path: 'test-results/admin-screens-1920.png', fullPage: true });

		// A playlist, chosen by name; and a refusal in words.
		const office = page.locator('[data-testid="assign-form"][data-name="领导办公室 Office"]');
		await office.getByLabel('显示 Shows').selectOption({ label: '白天轮播 Day rotation' });
		await office.getByLabel('夜间 At night').selectOption('board');
		await office.getByRole('button', { name: '保存 Save' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'night.board: a board is needed for mode "board", and only then'
		);
		await office.getByLabel('显示 Shows').selectOption({ label: '白天轮播 Day rotation' });
		await office.getByLabel('夜间 At night').selectOption('board');
		await office.getByLabel('夜间看板 Night board').selectOption({ label: '队列 Queues' });
		await office.getByRole('button', { name: '保存 Save' }).click();
		const officeRow = page.locator('[data-testid="display-row"][data-name="领导办公室 Office"]');
		await expect(officeRow.getByTestId('assigned-board')).toHaveText(
			'轮播 Playlist: 白天轮播 Day rotation'
		);
		await expect(officeRow).toContainText('22:00–07:00 → 队列 Queues');

		await page.setViewportSize({ width: 3840, height: 2160 });
		await page.screenshot({ path: 'test-results/admin-screens-3840.png' });
		await page.setViewportSize({ width: 1024, height: 768 });
		await page.screenshot({ path: 'test-results/admin-screens-1024.png', fullPage: true });
	} finally {
		tv.close();
	}
});
