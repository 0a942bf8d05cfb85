/**
 * The board editor (/admin/boards) in Chromium against the production server and its real boards
 * API: a manager builds a board with the mouse (add, drag, resize) and the keyboard (move, resize,
 * delete, undo/redo), sees an overlap flagged at both tiles, sets a tile's queue, saves, exports
 * the JSON, re-imports it as a new board, and the API returns exactly the tiles built. A built-in
 * cannot be deleted (the API's 409 shown); an invalid import applies nothing; the server's 400
 * problems appear at their tiles; a supervisor gets no editor. Screenshots at 1920×1080 and the
 * editor at 3840×2160.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { TEST_ADMIN_PASSWORD, authHeaders, signIn } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;
test.beforeAll(async () => {
	// A loaded machine (shared CI, several suites at once) can take more than a minute to start it.
	test.setTimeout(200_000);
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }, { timeoutMs: 180_000 });
});
test.afterAll(async () => {
	await server.stop();
	removeDir(server.dataDir);
});

const tileAt = (page: Page, i: number) => page.locator(`[data-testid="grid"] [data-index="${i}"]`);

async function placeOf(tile: Locator) {
	const [x, y, w, h] = await Promise.all(
		['data-x', 'data-y', 'data-w', 'data-h'].map((a) => tile.getAttribute(a))
	);
	return { x: Number(x), y: Number(y), w: Number(w), h: Number(h) };
}

/** Drags from the centre of `from` by whole cells of the grid, in small pointer steps. */
async function dragBy(page: Page, from: Locator, cells: { dx: number; dy: number }) {
	const grid = (await page.getByTestId('grid').boundingBox())!;
	const columns = Number(await page.getByTestId('board-columns').inputValue());
	const rows = Number(await page.getByTestId('board-rows').inputValue());
	const box = (await from.boundingBox())!;
	const sx = box.x + Math.min(box.width / 2, 30);
	const sy = box.y + Math.min(box.height / 2, 30);
	await page.mouse.move(sx, sy);
	await page.mouse.down();
	await page.mouse.move(
		sx + (cells.dx * grid.width) / columns,
		sy + (cells.dy * grid.height) / rows,
		{
			steps: 8
		}
	);
	await page.mouse.up();
}

async function boardFromApi(page: Page, id: string) {
	const res = await page.request.get(`${server.url}/api/v1/boards/${id}`);
	expect(res.status()).toBe(200);
	return (await res.json()) as {
		id: string;
		name: string;
		columns: number;
		rows: number;
		tiles: unknown[];
	};
}

const BUILT = [
	{ type: 'waiting', x: 0, y: 0, w: 3, h: 2, options: { queue: 'elderly' } },
	{ type: 'queues', x: 5, y: 2, w: 5, h: 3 },
	{ type: 'clock', x: 5, y: 1, w: 3, h: 1 }
];

test('a manager builds a board with mouse and keyboard, saves, exports and re-imports it', async ({
	page
}, info) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'manager');
	const res = await page.goto(`${server.url}/admin/boards?lang=en`);
	expect(res?.status()).toBe(200);
	await expect(page.locator('[data-board="hall"]')).toContainText('built-in');
	// The admin-only pages are not offered to a manager; the editor is.
	await expect(page.getByRole('navigation', { name: 'admin' })).not.toContainText('Users');
	await expect(page.getByRole('navigation', { name: 'admin' })).toContainText('Boards');

	// A built-in cannot be deleted: the API's 409 is the message.
	await page.locator('[data-board="hall"]').getByRole('button', { name: 'Delete' }).click();
	await page.getByRole('button', { name: 'Yes, delete' }).click();
	await expect(page.getByTestId('boards-error')).toContainText('is built in and cannot be deleted');
	await expect(page.locator('[data-board="hall"]')).toBeVisible();

	// An invalid import is refused with its problems, and creates nothing.
	const overlapping = {
		name: 'Bad',
		columns: 12,
		rows: 6,
		tiles: [
			{ type: 'waiting', x: 0, y: 0, w: 3, h: 2 },
			{ type: 'clock', x: 2, y: 1, w: 2, h: 1 }
		]
	};
	await page.getByTestId('import-text').fill(JSON.stringify(overlapping));
	await page.getByRole('button', { name: 'Check and create' }).click();
	await expect(page.getByTestId('import-problems')).toContainText(
		'tile 1 (clock) overlaps tile 0 (waiting)'
	);
	await expect(page).toHaveURL(/\/admin\/boards\?lang=en$/);

	// A new board, 12×6 by default.
	const form = page.getByRole('form', { name: 'New board' });
	await form.getByLabel('Name').fill('E2E Night');
	await expect(form.getByLabel('Columns')).toHaveValue('12');
	await expect(form.getByLabel('Rows')).toHaveValue('6');
	await form.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(/\/admin\/boards\/e2e-night\?lang=en$/);
	await expect(page.getByTestId('board-editor')).toBeVisible();

	// Mouse: two tiles from the palette at their default sizes, first free places.
	await page.locator('[data-add="waiting"]').click();
	await page.locator('[data-add="queues"]').click();
	expect(await placeOf(tileAt(page, 0))).toEqual({ x: 0, y: 0, w: 3, h: 2 });
	expect(await placeOf(tileAt(page, 1))).toEqual({ x: 3, y: 0, w: 4, h: 2 });
	await dragBy(page, tileAt(page, 1), { dx: 2, dy: 2 });
	expect(await placeOf(tileAt(page, 1))).toEqual({ x: 5, y: 2, w: 4, h: 2 });
	await dragBy(page, tileAt(page, 1).getByTestId('resize-handle'), { dx: 1, dy: 1 });
	expect(await placeOf(tileAt(page, 1))).toEqual({ x: 5, y: 2, w: 5, h: 3 });

	// Keyboard: a clock moved and resized with arrows, then pushed onto the queues tile.
	await page.locator('[data-add="clock"]').click();
	const clock = tileAt(page, 2);
	expect(await placeOf(clock)).toEqual({ x: 3, y: 0, w: 2, h: 1 });
	await clock.focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Shift+ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	expect(await placeOf(clock)).toEqual({ x: 5, y: 1, w: 3, h: 1 });
	await expect(page.getByTestId('announce')).toHaveText('Clock moved to column 6, row 2.');
	await expect(clock).toHaveAttribute('aria-label', 'Clock, column 6, row 2, 3 by 1');
	await page.keyboard.press('ArrowDown');
	// The overlap, at both tiles: red outline and the message on the tile.
	await expect(clock).toHaveClass(/invalid/);
	await expect(tileAt(page, 1)).toHaveClass(/invalid/);
	await expect(clock.getByTestId('tile-problems')).toContainText('Overlap');
	await expect(clock.getByTestId('tile-problems')).toContainText(
		'tile 2 (clock) overlaps tile 1 (queues)'
	);
	await expect(tileAt(page, 1).getByTestId('tile-problems')).toContainText('overlaps tile 1');
	await page.screenshot({ path: info.outputPath('editor-overlap-1920x1080.png'), fullPage: true });
	// Undo (Ctrl+Z) takes it back, redo (Ctrl+Shift+Z) again, the button undoes it once more.
	await page.keyboard.press('Control+z');
	expect(await placeOf(clock)).toEqual({ x: 5, y: 1, w: 3, h: 1 });
	await expect(clock).not.toHaveClass(/invalid/);
	await page.keyboard.press('Control+Shift+z');
	await expect(clock).toHaveClass(/invalid/);
	await page.getByRole('button', { name: /Undo/ }).click();
	await expect(clock).not.toHaveClass(/invalid/);
	await expect(page.getByTestId('tile-problems')).toHaveCount(0);

	// Delete removes a tile from the keyboard.
	await page.locator('[data-add="topics"]').click();
	await expect(tileAt(page, 3)).toHaveAttribute('data-tile', 'topics');
	await tileAt(page, 3).focus();
	await page.keyboard.press('Delete');
	await expect(tileAt(page, 3)).toHaveCount(0);
	await expect(page.getByTestId('announce')).toHaveText('Hot topics removed.');

	// Options: the waiting tile narrowed to a queue typed in (the empty server lists none).
	await tileAt(page, 0).click();
	await page.getByTestId('queue-select').selectOption('__other');
	await page.getByTestId('queue-text').fill('elderly');
	await page.getByTestId('queue-text').press('Enter');
	await expect(tileAt(page, 0)).toContainText('elderly');

	// The server's 400 problems are shown at the tiles they name (answer faked once).
	await page.route(
		'**/api/v1/boards/e2e-night',
		(route) =>
			route.request().method() === 'PUT'
				? route.fulfill({
						status: 400,
						json: {
							message: 'the board is not valid',
							problems: [{ tile: 0, message: 'tile 0: refused by the server' }]
						}
					})
				: route.fallback(),
		{ times: 1 }
	);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByTestId('editor-status')).toContainText(
		'Not saved: the board is not valid'
	);
	await expect(tileAt(page, 0).getByTestId('tile-problems')).toContainText(
		'tile 0: refused by the server'
	);

	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByTestId('editor-status')).toHaveText('Saved.');
	await expect(page.getByTestId('dirty')).toHaveCount(0);
	const stored = await boardFromApi(page, 'e2e-night');
	expect(stored).toEqual({
		id: 'e2e-night',
		name: 'E2E Night',
		columns: 12,
		rows: 6,
		tiles: BUILT
	});
	await expect(page.getByTestId('preview').locator('[data-tile]')).toHaveCount(3);
	await page.screenshot({ path: info.outputPath('editor-1920x1080.png'), fullPage: true });

	// Export: the download is the board as stored.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export JSON' }).click()
	]);
	expect(download.suggestedFilename()).toBe('e2e-night.json');
	const file = info.outputPath('e2e-night.json');
	await download.saveAs(file);
	expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(stored);

	// Re-import the file on the list page: a new board with the same tiles.
	await page.getByRole('link', { name: /All boards/ }).click();
	await page.getByTestId('import-file').setInputFiles(file);
	await expect(page.getByTestId('import-text')).toHaveValue(/"e2e-night"/);
	await page.getByRole('button', { name: 'Check and create' }).click();
	await expect(page).toHaveURL(/\/admin\/boards\/e2e-night-2\?lang=en$/);
	await expect(page.locator('[data-testid="grid"] [data-index]')).toHaveCount(3);
	expect(await boardFromApi(page, 'e2e-night-2')).toEqual({ ...stored, id: 'e2e-night-2' });
});

test('a built-in opens read-only: its save makes a copy', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}/admin/boards/queues?lang=en`);
	await expect(page.getByText('A built-in board cannot be changed')).toBeVisible();
	const before = await boardFromApi(page, 'queues');
	await tileAt(page, 0).focus();
	await page.keyboard.press('Shift+ArrowLeft');
	await page.getByRole('button', { name: 'Save as a copy' }).click();
	await expect(page).toHaveURL(/\/admin\/boards\/queues-copy\?lang=en$/);
	const copy = await boardFromApi(page, 'queues-copy');
	expect(copy.tiles[0]).toMatchObject({ w: (before.tiles[0] as { w: number }).w - 1 });
	expect(await boardFromApi(page, 'queues')).toEqual(before);
});

test('a supervisor gets no editor and cannot store a board', async ({ page }) => {
	await signIn(page, server, 'supervisor');
	const res = await page.goto(`${server.url}/admin/boards`);
	expect(res?.status()).toBe(403);
	await expect(page.getByTestId('board-editor')).toHaveCount(0);
	expect((await page.goto(`${server.url}/admin/boards/hall`))?.status()).toBe(403);
	const put = await fetch(`${server.url}/api/v1/boards/sneaky`, {
		method: 'PUT',
		headers: { ...(await authHeaders(server, 'supervisor')), 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'x', columns: 12, rows: 6, tiles: [] })
	});
	expect(put.status).toBe(403);
});

const SHOTS = [
	['list', 1920, 1080, '/admin/boards'],
	['editor', 1920, 1080, '/admin/boards/hall'],
	['editor-en', 1920, 1080, '/admin/boards/city?lang=en'],
	['editor', 3840, 2160, '/admin/boards/hall'],
	['playlist', 1920, 1080, '/admin/boards/playlists/rota?name=Rota']
] as const;
for (const [name, width, height, path] of SHOTS) {
	test(`screenshot: ${name} at ${width}×${height}`, async ({ page }, info) => {
		await page.setViewportSize({ width, height });
		await signIn(page, server, 'manager');
		await page.goto(`${server.url}${path}`);
		await expect(page.locator('h1')).toBeVisible();
		if (name.startsWith('editor')) await expect(tileAt(page, 0)).toBeVisible();
		const file = info.outputPath(`boards-${name}-${width}x${height}.png`);
		await page.screenshot({ path: file, fullPage: true });
		await info.attach(`boards-${name}`, { path: file, contentType: 'image/png' });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	});
}
