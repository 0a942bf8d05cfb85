/**
 * Source health on the screens: a named HTTP source sends, then stops; with
 * SOURCE_STALE_SECONDS=3 the wall and /supervisor say 数据源中断 with its name, and /admin lists
 * it as quiet. When it sends again the line goes away at once. Screenshots of the wall at
 * 1920×1080 and 3840×2160.
 */
import { expect, test } from '@playwright/test';
import { createSource, signIn, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';
import { hallEvents } from './wall-seed';

const SOURCE = '东城区 ACD 1';
let server: ServerHandle;
let token: string;

async function post(events: unknown[]) {
	const res = await fetch(`${server.url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(events)
	});
	expect(res.status).toBe(200);
	expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
}

test.beforeAll(async () => {
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, SOURCE_STALE_SECONDS: '3' });
	({ token } = await createSource(server, SOURCE));
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

test('a named source that stops sending shows as 数据源中断 on the wall, /supervisor and /admin', async ({
	page
}, info) => {
	await signIn(page, server, 'admin');
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`${server.url}/wall`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
	const strip = page.getByTestId('source-strip');

	const now = Date.now();
	await post(hallEvents(now, `src-${now}`));
	// Sending: nothing to say (the source has not been silent for 3 s yet).
	await expect(page.getByTestId('waiting')).toBeVisible();
	await expect(strip).toHaveCount(0);

	// Then it stops: after 3 s (checked every second) every screen names it.
	await expect(strip).toContainText(`数据源中断：${SOURCE}`, { timeout: 8000 });
	await expect(strip).toContainText('起无数据');
	for (const [width, height] of [
		[1920, 1080],
		[3840, 2160]
	] as const) {
		await page.setViewportSize({ width, height });
		const box = await strip.boundingBox();
		// Readable across the hall: the line is at least 3 % of the screen height.
		expect(box!.height).toBeGreaterThan(height * 0.03);
		const file = info.outputPath(`wall-source-stale-${width}x${height}.png`);
		await page.screenshot({ path: file });
		await info.attach(`wall-source-stale-${width}x${height}`, {
			path: file,
			contentType: 'image/png'
		});
	}

	// It sends again: the line goes at once.
	await post([
		{ id: `src-${now}-again`, type: 'call.offered', at: Date.now(), callId: 'A1', queue: 'general' }
	]);
	await expect(strip).toHaveCount(0, { timeout: 2000 });

	// And stops again: English wall, supervisor, admin.
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`${server.url}/wall?lang=en`);
	await expect(page.getByTestId('source-strip')).toContainText(
		`Data source interrupted: ${SOURCE}`,
		{ timeout: 8000 }
	);
	await page.goto(`${server.url}/supervisor`);
	await expect(page.getByTestId('source-strip')).toContainText(`数据源中断：${SOURCE}`);
	await page.goto(`${server.url}/admin`);
	const row = page.locator(`[data-testid="source-health-row"][data-name="${SOURCE}"]`);
	await expect(row).toHaveAttribute('data-state', 'quiet');
	await expect(row).toContainText('HTTP');
	await expect(row).toContainText('中断');
	await page.screenshot({ path: info.outputPath('admin-source-health.png'), fullPage: true });
	// The admin pages switch language rather than showing both side by side.
	await page.goto(`${server.url}/admin?lang=en`);
	await expect(row).toContainText('interrupted');
	await expect(row).not.toContainText('中断');
});
