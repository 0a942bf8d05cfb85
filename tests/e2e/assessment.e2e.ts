/**
 * The 接诉即办 assessment tab on seeded history (`npm run seed:history`): last month's district
 * ranking on screen equals the API's, 红黑榜, streets and departments (search, top-N), the topic
 * trend, an admin changing the weights (the scores follow; a manager sees them read-only), and
 * screenshots at 1920×1080, normal and in presentation mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { HistoryAssessment } from '../../src/lib/contract/assessment';
import { addDays } from '../../src/lib/metrics/timezone';
import { TEST_ADMIN_PASSWORD, authHeaders, signIn } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;
// Last month, as the server's Beijing business day sees it.
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const to = addDays(`${today.slice(0, 7)}-01`, -1);
const from = `${to.slice(0, 7)}-01`;

test.beforeAll(async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hw-assess-'));
	execFileSync(
		process.execPath,
		['--import', 'tsx', 'scripts/seed-history.ts', '--years', '0.2', '--seed', '7'],
		{
			cwd: path.resolve(import.meta.dirname, '../..'),
			env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
			stdio: 'pipe'
		}
	);
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }, { dataDir });
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

const api = async (role: 'manager' | 'admin') => {
	const headers = await authHeaders(server, role);
	const res = await fetch(`${server.url}/api/v1/history/assessment?from=${from}&to=${to}`, {
		headers
	});
	return (await res.json()) as HistoryAssessment;
};

test('last month: ranking equals the API, boards, tables, trend; presentation', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}/manager?view=month&from=${from}&to=${to}&tab=assessment`);
	const view = page.getByTestId('assessment');
	await expect(view).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
	const a = await api('manager');
	expect(a.districts.units).toHaveLength(16);

	const rows = page.getByTestId('rank-districts-row');
	await expect(rows).toHaveCount(16);
	for (const [i, u] of a.districts.units.entries()) {
		await expect(rows.nth(i).locator('th')).toHaveText(u.name);
		await expect(rows.nth(i).getByTestId('rank-districts-score')).toHaveText(u.score!.toFixed(1));
	}
	await expect(page.getByTestId('board-red-item')).toHaveCount(5);
	await expect(page.getByTestId('board-black-item')).toHaveCount(5);
	await expect(page.getByTestId('board-red-item').first()).toContainText(a.districts.red[0]!.name);
	await expect(page.getByTestId('weights-text')).toContainText('响应率 × 30%');
	await expect(page.getByTestId('weights-form')).toHaveCount(0); // a manager: read-only

	// Departments: top 20 of many, searchable.
	const departments = page.getByTestId('rank-departments-row');
	await expect(departments).toHaveCount(Math.min(20, a.departments.units.length));
	await page.getByTestId('rank-departments-search').fill('热力');
	await expect(departments).toHaveCount(1);
	await expect(departments.first().locator('th')).toHaveText('北京市热力集团');
	await page.getByTestId('rank-departments-search').fill('');

	// Sort streets by satisfaction, highest first.
	await page.getByTestId('rank-streets-sort-satisfactionRate').click();
	const best = a.streets.units.reduce((m, u) =>
		(u.satisfactionRate ?? 0) > (m.satisfactionRate ?? 0) ? u : m
	);
	await expect(page.getByTestId('rank-streets-row').first().locator('th')).toHaveText(best.name);

	// The topic of the month: twelve months of bars, switchable.
	await expect(page.getByTestId('trend-bar')).toHaveCount(12);
	await page.getByTestId('topic-select').selectOption('供暖');
	await expect(page).toHaveURL(/topic=%E4%BE%9B%E6%9A%96|topic=供暖/);
	await page.screenshot({ path: test.info().outputPath('assessment-1920.png'), fullPage: true });

	const csvHref = await page.getByTestId('assessment-csv').getAttribute('href');
	expect(csvHref).toBe(`/api/v1/history/assessment.csv?from=${from}&to=${to}`);

	await page.goto(
		`${server.url}/manager?view=month&from=${from}&to=${to}&tab=assessment&present=1`
	);
	await expect(view).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
	await page.screenshot({ path: test.info().outputPath('assessment-present-1920.png') });

	await page.goto(`${server.url}/manager?view=month&from=${from}&to=${to}&tab=assessment&lang=en`);
	await expect(page.getByTestId('weights-text')).toContainText('response rate × 30%');
});

test('an admin changes the weights on the page; the scores follow', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'admin');
	await page.goto(`${server.url}/manager?view=month&from=${from}&to=${to}&tab=assessment`);
	await expect(page.getByTestId('assessment')).toHaveAttribute('data-state', 'ready', {
		timeout: 15_000
	});
	await page.getByTestId('weight-responseRate').fill('0');
	await page.getByTestId('weight-resolutionRate').fill('0');
	await expect(page.getByTestId('weights-save')).toBeDisabled(); // 0 + 0 + 35 ≠ 100
	await page.getByTestId('weight-satisfactionRate').fill('100');
	await page.getByTestId('weights-save').click();
	await expect(page.getByTestId('weights-text')).toContainText('满意率 × 100%');
	const a = await api('admin');
	expect(a.weights).toEqual({ responseRate: 0, resolutionRate: 0, satisfactionRate: 100 });
	const first = a.districts.units[0]!;
	expect(first.score).toBeCloseTo(100 * first.satisfactionRate!, 9);
	await expect(page.getByTestId('rank-districts-row').first().locator('th')).toHaveText(first.name);
	await expect(
		page.getByTestId('rank-districts-row').first().getByTestId('rank-districts-score')
	).toHaveText(first.score!.toFixed(1));
	await page.screenshot({ path: test.info().outputPath('assessment-admin-1920.png') });
	// Back to the default for any later test.
	const headers = await authHeaders(server, 'admin');
	const res = await fetch(`${server.url}/api/v1/assessment-weights`, {
		method: 'PUT',
		headers: { ...headers, 'content-type': 'application/json' },
		body: JSON.stringify({ responseRate: 30, resolutionRate: 35, satisfactionRate: 35 })
	});
	expect(res.status).toBe(200);
});
