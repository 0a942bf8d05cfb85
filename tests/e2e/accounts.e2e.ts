/**
 * People and screens in a real browser: sign-in (zh-CN / en, wrong password), an admin creating a
 * display, a TV enrolling with the typed code and showing live data, and the same TV cut off
 * with a clear notice when the admin revokes it.
 */
import { expect, test } from '@playwright/test';
import { TEST_ADMIN_PASSWORD, signIn } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;

test.beforeAll(async () => {
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

test('a person signs in; a wrong password is refused in words', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(`${server.url}/wall`);
	await expect(page).toHaveURL(/\/login\?next=%2Fwall$/);
	await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await page.getByLabel('User name').fill('admin');
	await page.getByLabel('Password').fill('not the password at all');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('User name or password is wrong.');
	await page.screenshot({ path: 'test-results/login-1920.png' });
	await page.getByLabel('Password').fill(TEST_ADMIN_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/wall$/); // back where they were going
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === 'hw_session');
	expect(session?.httpOnly).toBe(true);
	expect(session?.sameSite).toBe('Lax');
});

test('a TV enrols with a typed code, shows live data, and is cut off when revoked', async ({
	browser
}) => {
	const admin = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await admin.goto(`${server.url}/login`);
	await admin.getByLabel('用户名').fill('admin');
	await admin.getByLabel('密码').fill(TEST_ADMIN_PASSWORD);
	await admin.getByRole('button', { name: '登录' }).click();
	await expect(admin).toHaveURL(/\/admin$/);
	await admin.getByTestId('admin-nav-displays').click();
	await expect(admin).toHaveURL(/\/admin\/displays$/);
	await admin.getByLabel('名称 Name').fill('Hall left 大厅左屏');
	await admin.getByRole('button', { name: /Create \+ code/ }).click();
	const code = (await admin.getByTestId('enrolment-code').textContent())!.trim();
	expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
	await expect(admin.getByTestId('enrolment-link')).toContainText('/enrol/');
	await admin.screenshot({ path: 'test-results/admin-displays-1920.png' });
	// A data source with required signatures: token and secret shown once.
	await admin.getByTestId('admin-nav-sources').click();
	await expect(admin).toHaveURL(/\/admin\/sources$/); // the displays page has a Name field too
	await expect(admin.getByRole('heading', { name: '数据源', level: 1 })).toBeVisible();
	await admin.getByLabel('名称', { exact: true }).fill('telephony-acd');
	await admin.getByLabel('请求签名').selectOption('required');
	await admin.getByRole('button', { name: '创建', exact: true }).click();
	await expect(admin.getByTestId('source-token')).toHaveText(/^[A-Za-z0-9_-]{43}$/);
	await expect(admin.getByTestId('source-secret')).toHaveText(/^whsec_/);
	await expect(admin.getByTestId('source-row')).toContainText('必须');
	await admin.screenshot({ path: 'test-results/admin-sources-1920.png' });
	await admin.getByTestId('admin-nav-displays').click();
	await expect(admin).toHaveURL(/\/admin\/displays$/);

	const tvContext = await browser.newContext({ viewport: { width: 3840, height: 2160 } });
	const tv = await tvContext.newPage();
	await tv.goto(`${server.url}/enrol`);
	await tv.getByLabel('注册码').fill(code.toLowerCase());
	await tv.getByRole('button', { name: '登记此屏幕' }).click();
	await expect(tv).toHaveURL(`${server.url}/wall`); // no credential in the address
	await expect(tv.getByTestId('connection')).toHaveAttribute('data-state', 'live');
	const [display] = (await tvContext.cookies()).filter((c) => c.name === 'hw_display');
	expect(display?.httpOnly).toBe(true);

	await admin.reload();
	const row = admin.getByTestId('display-row').filter({ hasText: 'Hall left' });
	await expect(row).toHaveAttribute('data-status', 'enrolled');
	admin.once('dialog', (d) => void d.accept());
	const revokedAt = Date.now();
	await row.getByRole('button', { name: /Revoke/ }).click();
	await expect(admin.getByRole('status')).toContainText('Revoked');
	await expect(tv.getByTestId('denied')).toBeVisible({ timeout: 6000 });
	expect(Date.now() - revokedAt).toBeLessThan(6000);
	await expect(tv.getByTestId('service-level')).toHaveCount(0); // the figures are gone
	await tv.screenshot({ path: 'test-results/wall-revoked-3840.png' });
	await tvContext.close();
	await admin.close();
});

test('a supervisor’s menu offers only their pages and signs them out', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, server, 'supervisor');
	await page.goto(`${server.url}/supervisor`);
	const menu = page.getByTestId('account-menu');
	await expect(menu).toContainText('test-supervisor');
	await menu.locator('summary').click();
	await expect(page.getByTestId('menu-wall')).toBeVisible();
	await expect(page.getByTestId('menu-account')).toBeVisible();
	await expect(page.getByTestId('menu-manager')).toHaveCount(0);
	await expect(page.getByTestId('menu-admin')).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('supervisor-menu-390.png') });
	await page.getByTestId('menu-sign-out').click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto(`${server.url}/supervisor`);
	await expect(page).toHaveURL(/\/login\?next=%2Fsupervisor$/);
});
