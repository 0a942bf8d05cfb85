/**
 * The manager's view on real history, no fixtures: a server whose database was seeded with
 * `npm run seed:history`, a manager signing in, yesterday's figures on screen equal to the API's,
 * the day compared with the day before and the same weekday a week before, and the CSV export.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { HistorySummary } from '../../src/lib/contract';
import { TEST_ADMIN_PASSWORD, authHeaders, signIn } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;

test.beforeAll(async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hw-manager-'));
	// Forty days of synthetic history ending yesterday, written before the server opens the folder.
	execFileSync(
		process.execPath,
		['--import', 'tsx', 'scripts/seed-history.ts', '--years', '0.11', '--seed', '7'],
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

test('yesterday on real history: figures equal the API, three curves, CSV export', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}/manager`);
	await expect(page).toHaveURL(/view=day/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready', {
		timeout: 15_000
	});
	const url = new URL(page.url());
	const from = url.searchParams.get('from')!;
	const headers = await authHeaders(server, 'manager');
	const summary = (await (
		await fetch(`${server.url}/api/v1/history/summary?from=${from}&to=${from}`, { headers })
	).json()) as HistorySummary;
	expect(summary.calls.all.offered).toBeGreaterThan(10_000); // Beijing's scale, a whole day
	const percent = (v: number | null) => `${((v ?? 0) * 100).toFixed(1)}%`;
	await expect(page.getByTestId('kpi-serviceLevel-value')).toHaveText(
		percent(summary.calls.all.serviceLevel)
	);
	await expect(page.getByTestId('kpi-answerRate-value')).toHaveText(
		percent(summary.calls.all.answerRate)
	);
	await expect(page.getByTestId('kpi-onTimeRate-value')).toHaveText(
		percent(summary.tickets.all.onTimeRate)
	);
	// The day, the day before and the same weekday a week before, overlaid.
	await expect(page.getByTestId('chart-intraday')).toHaveAttribute('data-series', '3');
	for (const key of ['day', 'yesterday', 'lastWeek']) {
		await expect(page.getByTestId(`chart-intraday-series-${key}`)).toHaveAttribute('d', /^M.+L/);
	}
	await page.screenshot({ path: test.info().outputPath('manager-real-1920.png') });

	const csvHref = await page.getByTestId('export-csv').getAttribute('href');
	expect(csvHref).toBe(`/api/v1/history/export.csv?from=${from}&to=${from}`);
	const csv = await (await fetch(`${server.url}${csvHref}`, { headers })).text();
	expect(csv).toContain(String(summary.calls.all.offered));
});
