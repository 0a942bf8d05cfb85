/**
 * The start page `/`: its headline figures follow the live feed, its links are the ones the
 * visitor's role may open, its text comes from the catalogues (`?lang=en`), and it fits a phone,
 * a desktop and a 4K screen.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TEST_ADMIN_PASSWORD, signIn } from '../helpers/auth';
import { TEST_INGEST_TOKEN, removeDir, startServer, type ServerHandle } from '../helpers/server';

const auth = { authorization: `Bearer ${TEST_INGEST_TOKEN}` };
const DOCS = path.resolve(import.meta.dirname, '../../static/docs');

const linkKeys = (page: Page) =>
	page
		.locator('[data-testid^="start-"]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('start-'.length)));

test('the start page shows a value change after an event is posted', async ({ page, request }) => {
	await page.goto('/');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
	const waiting = page.getByTestId('waiting');
	await expect(waiting).not.toHaveText('—');
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
	// The other headline figures are there; the per-queue table is the wall's now, not this page's.
	for (const id of ['service-level', 'answer-rate', 'overdue']) {
		await expect(page.getByTestId(id)).toBeVisible();
	}
	await expect(page.getByRole('heading', { name: '此刻' })).toBeVisible();
	// No account exists on this server: an anonymous viewer is offered the wall and sign-in.
	expect(await linkKeys(page)).toEqual(['wall', 'city', 'login']);
	await expect(page.getByTestId('start-wall')).toContainText('实时大屏');
	await expect(page.getByTestId('build')).toContainText('版本 ');
	// The caller's number never reaches the page.
	expect(await page.content()).not.toContain('13800001111');
	await page.getByTestId('start-wall').click();
	await expect(page).toHaveURL(/\/wall$/);
	await expect(page.getByTestId('wall')).toBeVisible();
});

test('?lang=en: every word in English, and the links keep the language', async ({ page }) => {
	await page.goto('/?lang=en');
	await expect(page.getByTestId('connection')).toHaveText(/Live/);
	await expect(page.getByRole('heading', { name: '12345 Hotline wallboard' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Right now' })).toBeVisible();
	await expect(page.getByText('Calls waiting')).toBeVisible();
	await expect(page.getByText('Overdue tickets')).toBeVisible();
	await expect(page.getByTestId('start-login')).toContainText('Sign in');
	await expect(page.getByTestId('start-wall')).toHaveAttribute('href', '/wall?lang=en');
	// No Chinese left outside the language switch ("中文").
	const text = (await page.locator('main').innerText()).replace('中文', '');
	expect(text).not.toMatch(/[\u4e00-\u9fff]/);
});

test.describe('links by role', () => {
	let server: ServerHandle;
	test.beforeAll(async () => {
		server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
	});
	test.afterAll(async () => {
		await server?.stop();
		if (server) removeDir(server.dataDir);
	});

	for (const [role, keys] of [
		['supervisor', ['wall', 'city', 'supervisor', 'account']],
		['manager', ['wall', 'city', 'supervisor', 'manager', 'account']],
		['admin', ['wall', 'city', 'supervisor', 'manager', 'admin', 'account']]
	] as const) {
		test(`a ${role} is offered ${keys.join(', ')}`, async ({ page }) => {
			await signIn(page, server, role);
			await page.goto(`${server.url}/`);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
			expect(await linkKeys(page)).toEqual(keys);
			await expect(page.getByTestId('account-menu')).toBeVisible();
			await page.getByTestId('start-supervisor').click();
			await expect(page).toHaveURL(`${server.url}/supervisor`);
		});
	}

	test('without an account or a screen, / asks to sign in', async ({ page }) => {
		await page.goto(`${server.url}/`);
		await expect(page).toHaveURL(/\/login/);
	});
});

for (const [width, height] of [
	[390, 844],
	[1920, 1080],
	[3840, 2160]
] as const) {
	test(`fits ${width}×${height} (screenshot)`, async ({ page }, info) => {
		await page.setViewportSize({ width, height });
		await page.goto('/');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
		await expect(page.getByTestId('waiting')).not.toHaveText('—');
		// Nothing wider than the screen, everything above the fold on a desktop.
		const { scrollWidth, clientWidth } = await page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth,
			clientWidth: document.documentElement.clientWidth
		}));
		expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
		if (width >= 1920) {
			const bottom = await page.locator('footer').evaluate((e) => e.getBoundingClientRect().bottom);
			expect(bottom).toBeLessThanOrEqual(height);
		}
		const file = info.outputPath(`home-${width}x${height}.png`);
		await page.screenshot({ path: file });
		await info.attach(`home-${width}x${height}`, { path: file, contentType: 'image/png' });
		// UPDATE_DOCS_SCREENSHOTS=1 refreshes the README's copy (best taken with SIMULATE=1 data).
		if (process.env.UPDATE_DOCS_SCREENSHOTS === '1' && width === 1920) {
			mkdirSync(DOCS, { recursive: true });
			copyFileSync(file, path.join(DOCS, `home-${width}x${height}.png`));
		}
	});
}
