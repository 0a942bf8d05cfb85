/**
 * An admin's first week in a real browser at 1920×1080: the admin navigation, the thresholds
 * editor (a refused value named at its field, in Chinese and in English, then a saved change),
 * the audit log showing that change, users' roles and disabling, /account's way back; and a TV
 * whose enrolment is revoked: its alert strip goes with its figures, and after a reload it gets
 * the screen's own notice with the enrolment form, not a staff sign-in.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	TEST_USER_PASSWORD,
	TEST_ADMIN_PASSWORD,
	formAction,
	signIn,
	signInCookie
} from '../helpers/auth';
import {
	NO_ALERT_HOLDS,
	postEvents,
	removeDir,
	startServer,
	type ServerHandle
} from '../helpers/server';

let server: ServerHandle;

test.beforeAll(async () => {
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...NO_ALERT_HOLDS });
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/${name}.png`, fullPage: true });

test('thresholds editor: a bad value is named at its field, a good one saved and in the audit log', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'admin');
	await page.goto(`${server.url}/admin`);
	const nav = page.getByTestId('admin-nav');
	await expect(nav.getByRole('listitem')).toHaveText([
		'概览',
		'用户',
		'阈值',
		'大屏',
		'数据源',
		'看板',
		'操作日志'
	]);
	await expect(page.getByTestId('admin-nav-start')).toHaveAttribute('href', '/');
	await page.getByTestId('admin-nav-thresholds').click();
	await expect(page).toHaveURL(/\/admin\/thresholds$/);
	await expect(page.getByRole('heading', { name: '阈值', level: 1 })).toBeVisible();

	await page.getByLabel('服务水平（今日） · 达标', { exact: true }).fill('85');
	await page.getByLabel('最长等待 · 预警', { exact: true }).fill('abc');
	await page.getByLabel('超时一般工单 · 预警', { exact: true }).fill('5');
	await page.getByRole('button', { name: '保存阈值' }).click();
	await expect(page.getByRole('alert')).toHaveText('有 1 处需要修改，未保存。');
	const waitRow = page.locator('[data-testid="threshold-row"][data-metric="longestWaitSeconds"]');
	await expect(waitRow.getByTestId('field-error')).toHaveText('不是数字');
	// What was typed stays, so only the bad field needs retyping.
	await expect(page.getByLabel('服务水平（今日） · 达标', { exact: true })).toHaveValue('85');
	await shot(page, 'admin-thresholds-error-1920');

	await page.getByLabel('最长等待 · 预警', { exact: true }).fill('45');
	// A queue of its own: 老年人 waits at most 10 s / 30 s.
	await page.getByTestId('add-queue').click();
	await page.getByLabel('队列 1', { exact: true }).fill('老年人');
	await page.getByLabel('队列 1 · 最长等待 · 达标', { exact: true }).fill('10');
	await page.getByLabel('队列 1 · 最长等待 · 预警', { exact: true }).fill('30');
	await page.getByRole('button', { name: '保存阈值' }).click();
	await expect(page.getByRole('status')).toHaveText('阈值已保存，所有大屏已更新。');
	await expect(page.getByLabel('服务水平（今日） · 达标', { exact: true })).toHaveValue('85');
	await expect(page.getByLabel('最长等待 · 预警', { exact: true })).toHaveValue('45');
	await expect(page.getByTestId('last-change')).toContainText('admin');
	await shot(page, 'admin-thresholds-1920');
	const api = (await (
		await fetch(`${server.url}/api/v1/thresholds`, {
			headers: { cookie: await signInCookie(server, 'admin', TEST_ADMIN_PASSWORD) }
		})
	).json()) as { metrics: Record<string, unknown>; byQueue: Record<string, unknown> };
	expect(api.metrics.serviceLevelToday).toStrictEqual({ good: 0.85, warn: 0.8 });
	expect(api.byQueue).toStrictEqual({ 老年人: { longestWaitSeconds: { good: 10, warn: 30 } } });

	await page.getByTestId('admin-nav-audit').click();
	const row = page.locator('[data-testid="audit-row"][data-action="thresholds.set"]');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('admin');
	await expect(row).toContainText('修改阈值');
	await expect(row).toContainText('metrics.serviceLevelToday.good: 0.9 → 0.85');
	await expect(row).toContainText('metrics.overdueGeneral.warn: 10 → 5');
	await expect(row).toContainText('byQueue.老年人.longestWaitSeconds.warn: — → 30');
	await page.getByLabel('类别').selectOption('user');
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/area=user/);
	await expect(page.locator('[data-testid="audit-row"][data-action="thresholds.set"]')).toHaveCount(
		0
	);
	await page.getByLabel('类别').selectOption('thresholds');
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(row).toHaveCount(1);
	const download = page.waitForEvent('download');
	await page.getByTestId('audit-export').click();
	const csv = await (await download).path();
	const { readFileSync } = await import('node:fs');
	expect(readFileSync(csv, 'utf8')).toContain('metrics.serviceLevelToday.good: 0.9 → 0.85');
	await shot(page, 'admin-audit-1920');
});

test('the editor and its errors in English', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'admin');
	await page.goto(`${server.url}/admin/thresholds?lang=en`);
	await expect(page.getByTestId('admin-nav').getByRole('listitem')).toHaveText([
		'Overview',
		'Users',
		'Thresholds',
		'Displays',
		'Sources',
		'Boards',
		'Audit log'
	]);
	await page.getByLabel('24 h answer rate · Good', { exact: true }).fill('80');
	await page.getByLabel('24 h answer rate · Warning', { exact: true }).fill('90');
	await page.getByRole('button', { name: 'Save thresholds' }).click();
	await expect(page).toHaveURL(/lang=en/); // the answer stays in English
	await expect(page.getByRole('alert')).toHaveText('Fields to fix: 1. Nothing was saved.');
	await expect(
		page
			.locator('[data-testid="threshold-row"][data-metric="answerRate24h"]')
			.getByTestId('field-error')
	).toHaveText('Warning cannot be above good (higher is better)');
	await shot(page, 'admin-thresholds-en-1920');
	await page.getByTestId('admin-nav-users').click();
	await expect(page).toHaveURL(/\/admin\/users\?lang=en$/);
	await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
});

test('users: a role changed, a user disabled (sessions end) and enabled; the last admin kept', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	const admin = await signInCookie(server, 'admin', TEST_ADMIN_PASSWORD);
	await formAction(server, admin, '/admin/users?/create', {
		username: 'zhao',
		role: 'supervisor',
		password: TEST_USER_PASSWORD
	});
	const zhao = await signInCookie(server, 'zhao', TEST_USER_PASSWORD);
	await signIn(page, server, 'admin');
	await page.goto(`${server.url}/admin/users`);
	const row = page.locator('[data-testid="user-row"][data-username="zhao"]');
	await row.getByLabel('zhao 的角色').selectOption('manager');
	await row.getByRole('button', { name: '改角色' }).click();
	await expect(page.getByRole('status')).toHaveText('zhao 的角色已改为经理');
	await expect(row).toHaveAttribute('data-role', 'manager');
	// Their own row offers no role change, no disabling and no deletion.
	const own = page.locator('[data-testid="user-row"][data-username="admin"]');
	await expect(own.getByRole('button', { name: '改角色' })).toHaveCount(0);
	await expect(own.getByRole('button', { name: '停用' })).toHaveCount(0);

	page.once('dialog', (d) => void d.accept());
	await row.getByRole('button', { name: '停用' }).click();
	await expect(page.getByRole('status')).toHaveText('已停用 zhao，其登录会话已结束');
	await expect(row).toHaveAttribute('data-disabled', 'true');
	const after = await fetch(`${server.url}/manager`, {
		headers: { cookie: zhao, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(after.status).toBe(303);
	await shot(page, 'admin-users-1920');
	await row.getByRole('button', { name: '启用' }).click();
	await expect(page.getByRole('status')).toHaveText('已启用 zhao');

	await page.getByTestId('admin-nav-audit').click();
	await expect(page.locator('[data-testid="audit-row"][data-action^="user."]')).toHaveText([
		/zhao/,
		/zhao/,
		/zhao/,
		/zhao/
	]);
	await expect(page.locator('[data-testid="audit-row"]').first()).toContainText('启用用户');
});

test('/account has a way back', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'admin');
	await page.goto(`${server.url}/admin`);
	await page.getByTestId('admin-nav-account').click();
	await expect(page).toHaveURL(/\/account$/);
	await page.getByRole('link', { name: '返回管理' }).click();
	await expect(page).toHaveURL(/\/admin$/);
	await page.goto(`${server.url}/account?lang=en`);
	await expect(page.getByRole('link', { name: '← Back to the start page' })).toHaveAttribute(
		'href',
		'/?lang=en'
	);
	await shot(page, 'account-en-1920');
});

test('a revoked TV drops its alert strip, and after a reload gets the screen notice, not a staff sign-in', async ({
	browser
}) => {
	const admin = await signInCookie(server, 'admin', TEST_ADMIN_PASSWORD);
	const { data } = await formAction<{ issued: { id: string; link: string } }>(
		server,
		admin,
		'/admin/displays?/create',
		{ name: 'Hall right', board: 'hall' }
	);
	const tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const tv = await tvContext.newPage();
	await tv.goto(data.issued.link);
	await expect(tv).toHaveURL(`${server.url}/wall`);
	// A call waiting for 5 minutes: the longest-wait alert is raised and shown on the wall.
	const at = Date.now() - 5 * 60_000;
	expect(
		(
			await postEvents(server.url, [
				{ id: 'e2e-wait-1', type: 'call.offered', at, callId: 'c-wait-1', queue: 'general' }
			])
		).status
	).toBe(200);
	await expect(tv.getByTestId('alert-strip')).toBeVisible({ timeout: 15_000 });

	await formAction(server, admin, '/admin/displays?/revoke', { id: data.issued.id });
	await expect(tv.getByTestId('denied')).toBeVisible({ timeout: 10_000 });
	await expect(tv.getByTestId('alert-strip')).toHaveCount(0);
	await shot(tv, 'wall-revoked-1920');

	await tv.reload();
	await expect(tv).toHaveURL(/\/enrol\?next=%2Fwall$/);
	await expect(tv.getByTestId('not-signed-in')).toContainText('此屏幕未登记');
	await expect(tv.getByLabel('注册码')).toBeVisible();
	await expect(tv.getByLabel('密码')).toHaveCount(0);
	await shot(tv, 'enrol-revoked-1920');
	await tvContext.close();
});
