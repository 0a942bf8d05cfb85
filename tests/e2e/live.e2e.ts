import { expect, test } from '@playwright/test';
import { TEST_INGEST_TOKEN } from '../helpers/server';

const auth = { authorization: `Bearer ${TEST_INGEST_TOKEN}` };

test('the first page shows a value change after an event is posted', async ({ page, request }) => {
	await page.goto('/');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
	const waiting = page.getByTestId('waiting');
	await expect(waiting).toBeVisible();
	const before = Number((await waiting.textContent())?.replace(/,/g, ''));

	const now = Date.now();
	const res = await request.post('/api/v1/events', {
		headers: auth,
		data: [
			{
				id: `e2e-${now}-1`,
				type: 'call.offered',
				at: now,
				callId: `e2e-${now}`,
				queue: 'general',
				caller: '13800001111'
			}
		]
	});
	expect(res.status()).toBe(200);
	expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

	await expect(waiting).toHaveText(String(before + 1), { timeout: 1000 });
	await expect(page.getByTestId('queue-general')).toBeVisible();
	// The caller's number never reaches the page.
	expect(await page.content()).not.toContain('13800001111');
});

for (const [width, height] of [
	[1920, 1080],
	[3840, 2160]
] as const) {
	test(`screenshot at ${width}×${height}`, async ({ page }, info) => {
		await page.setViewportSize({ width, height });
		await page.goto('/');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
		await expect(page.getByTestId('waiting')).toBeVisible();
		const file = info.outputPath(`home-${width}x${height}.png`);
		await page.screenshot({ path: file });
		await info.attach(`home-${width}x${height}`, { path: file, contentType: 'image/png' });
	});
}
