/**
 * The manager's first week (issue 16): the range buttons give last week and last month, the
 * presentation entered by the button fits the screen like the `?present=1` link, the department
 * table of a real hall (251 units) is a top 20 with search and a sticky header, the 3-year
 * chart's axis carries the year, and the KPI cards show 环比, 同比 and the 办结 figures; the
 * exports follow the queue. Fixture API responses (tests/fixtures/history.ts) at 1920×1080,
 * screenshots saved under test-results/.
 */
import { expect, test, type Page } from '@playwright/test';
import { TEST_ADMIN_PASSWORD, signIn } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';
import { dailyFixture, intradayFixture, summaryFixture } from '../fixtures/history';
import type { HistorySummary } from '../../src/lib/contract/history';
import { addDays, businessDayOf } from '../../src/lib/metrics/timezone';

const DAY = '2025-11-28';
const DAY_URL = `/manager?view=day&from=${DAY}&to=${DAY}`;

let server: ServerHandle;
test.beforeAll(async () => {
	// The machine is shared: give the server's first start (migrations, PGlite) room.
	test.setTimeout(200_000);
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }, { timeoutMs: 180_000 });
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

/** A hall's 251 handling units: the fixture's four plus 247 more with fewer tickets. */
function withManyDepartments(s: HistorySummary): HistorySummary {
	const base = Object.values(s.tickets.byDepartment)[0]!;
	const more = Array.from({ length: 247 }, (_, i) => [
		`区属单位${String(i + 1).padStart(3, '0')}`,
		{ ...base, created: i + 1 }
	]);
	return {
		...s,
		tickets: {
			...s.tickets,
			byDepartment: { ...s.tickets.byDepartment, ...Object.fromEntries(more) }
		}
	};
}

async function serveHistory(page: Page, departments = false) {
	const seen: string[] = [];
	await page.route('**/api/v1/history/**', async (route) => {
		const url = new URL(route.request().url());
		seen.push(`${url.pathname}${url.search}`);
		const q = url.searchParams;
		const from = q.get('from') ?? '';
		const to = q.get('to') ?? '';
		if (url.pathname.endsWith('/summary')) {
			const s = summaryFixture(from, to, 20);
			await route.fulfill({ json: departments ? withManyDepartments(s) : s });
		} else if (url.pathname.endsWith('/intraday')) {
			await route.fulfill({ json: intradayFixture(q.get('day') ?? '', 9, q.get('queue')) });
		} else if (url.pathname.endsWith('/daily')) {
			await route.fulfill({ json: dailyFixture(from, to, 11, q.get('queue')) });
		} else {
			await route.fulfill({ status: 404, json: { message: 'not in the fixture' } });
		}
	});
	return seen;
}

async function open(page: Page, path: string) {
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}${path}`);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
}

test('#4 周 and 月 from yesterday give the last complete week and month; 本周至今 is explicit', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page);
	await open(page, '/manager');
	const today = businessDayOf(Date.now(), 'Asia/Shanghai');
	const yesterday = addDays(today, -1);
	await expect(page.getByTestId('manager')).toHaveAttribute(
		'data-range',
		`${yesterday}/${yesterday}`
	);
	// The last complete ISO week: Monday–Sunday before this week's Monday.
	const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
	const monday = addDays(today, 1 - weekday);
	const lastMonday = addDays(monday, -7);
	const lastSunday = addDays(monday, -1);
	await page.getByTestId('view-week').click();
	await expect(page.getByTestId('manager')).toHaveAttribute(
		'data-range',
		`${lastMonday}/${lastSunday}`
	);
	await expect(page.getByTestId('range-label')).toContainText('（7 天）');
	await expect(page.getByTestId('range-next')).toBeDisabled();
	await expect(page.getByTestId('chart-daily')).toBeVisible();

	// The last complete month: the month before this one.
	const firstOfMonth = `${today.slice(0, 8)}01`;
	const lastOfPrevious = addDays(firstOfMonth, -1);
	await page.getByTestId('view-month').click();
	await expect(page.getByTestId('manager')).toHaveAttribute(
		'data-range',
		`${lastOfPrevious.slice(0, 8)}01/${lastOfPrevious}`
	);
	await expect(page.getByTestId('chart-daily')).toBeVisible();
	await expect(page.getByTestId('range-next')).toBeDisabled();

	// The periods in progress, only when asked for.
	await page.getByTestId('view-weekToDate').click();
	await expect(page.getByTestId('manager')).toHaveAttribute('data-range', `${monday}/${today}`);
	await page.getByTestId('range-previous').click();
	await expect(page.getByTestId('manager')).toHaveAttribute(
		'data-range',
		`${lastMonday}/${lastSunday}`
	);
	await page.getByTestId('view-monthToDate').click();
	await expect(page.getByTestId('manager')).toHaveAttribute(
		'data-range',
		`${firstOfMonth}/${today}`
	);
	await page.screenshot({ path: test.info().outputPath('manager-range-1920.png') });
});

/** Horizontal overflow and how far the right-most KPI and the chart reach. */
async function fit(page: Page) {
	return page.evaluate(() => {
		const doc = document.documentElement;
		const right = (sel: string) =>
			Math.max(...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().right));
		return {
			scrollWidth: doc.scrollWidth,
			clientWidth: doc.clientWidth,
			kpiRight: right('[data-testid^="kpi-"][data-level]'),
			trendRight: right('[data-testid="trend"]'),
			chartRight: right('[data-testid="trend"] svg')
		};
	});
}

test('#5 presentation entered by the button fits like the ?present=1 link: no overflow, nothing cut', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page, true);
	await open(page, DAY_URL);
	await page.getByTestId('present-enter').click();
	await expect(page.getByTestId('present-exit')).toBeVisible();
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await page.waitForTimeout(300); // the full-screen change settles
	const byButton = await fit(page);
	await page.screenshot({ path: test.info().outputPath('manager-present-button-1920.png') });

	await page.keyboard.press('Escape');
	await expect(page.getByTestId('range-picker')).toBeVisible();
	await page.goto(`${server.url}${DAY_URL}&present=1`);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	const byLink = await fit(page);
	await page.screenshot({ path: test.info().outputPath('manager-present-link-1920.png') });

	for (const [how, f] of [
		['button', byButton],
		['link', byLink]
	] as const) {
		expect(f.scrollWidth, how).toBeLessThanOrEqual(f.clientWidth);
		expect(f.kpiRight, how).toBeLessThanOrEqual(f.clientWidth);
		expect(f.trendRight, how).toBeLessThanOrEqual(f.clientWidth);
		expect(f.chartRight, how).toBeLessThanOrEqual(f.clientWidth);
	}
	expect(byButton).toEqual(byLink);
});

test('#11 251 departments: top 20, show all, search, a sticky header, a page of sane length', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page, true);
	await open(page, DAY_URL);
	const rows = page.getByTestId('by-department-row');
	await expect(rows).toHaveCount(20);
	await expect(page.getByTestId('by-department-shown')).toHaveText('显示 20 / 共 251');
	// Biggest first: the fixture's own four units have the most tickets.
	await expect(rows.first().locator('th')).not.toHaveText(/区属单位/);
	const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
	expect(pageHeight).toBeLessThan(4000);

	await page.getByTestId('by-department-show-all').click();
	await expect(rows).toHaveCount(251);
	// The rows scroll inside the table; its header stays at the top of the scroll box.
	const header = page.getByTestId('by-department').locator('thead th').first();
	const box = page.getByTestId('by-department').locator('.scroll');
	await box.evaluate((el) => (el.scrollTop = 2000));
	const [headTop, boxTop] = await Promise.all([
		header.evaluate((el) => el.getBoundingClientRect().top),
		box.evaluate((el) => el.getBoundingClientRect().top)
	]);
	expect(Math.abs(headTop - boxTop)).toBeLessThanOrEqual(1);
	await expect(header).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(
		pageHeight + 1200
	);

	await page.getByTestId('by-department-search').fill('单位24');
	await expect(rows).toHaveCount(8); // 区属单位024 and 240 … 247
	await expect(page.getByTestId('by-department-shown')).toHaveText('显示 8 / 共 8');
	await page.getByTestId('by-department').scrollIntoViewIfNeeded();
	await page.screenshot({ path: test.info().outputPath('manager-departments-1920.png') });
});

test('#11 a 3-year daily chart labels its axis with the year', async ({ page }) => {
	test.setTimeout(120_000); // the fixture sums three years of days three times
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page);
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}/manager?view=custom&from=2022-12-01&to=2025-11-30`);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready', {
		timeout: 60_000
	});
	const ticks = await page.getByTestId('chart-daily').locator('text.tick').allTextContents();
	const days = ticks.filter((t) => /\d{2}-\d{2}$/.test(t));
	expect(days.length).toBeGreaterThan(3);
	for (const t of days) expect(t).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
	await page.getByTestId('trend').screenshot({
		path: test.info().outputPath('manager-3-years-1920.png')
	});
	// One week within a year keeps the short labels.
	await page.goto(`${server.url}/manager?view=week&from=2025-11-24&to=2025-11-30`);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await expect(
		page.getByTestId('chart-daily').locator('text.tick', { hasText: '11-24' })
	).toHaveText('11-24');
});

test('KPI cards show 环比 and 同比, the 办结 figures; exports follow the queue and language', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page);
	await open(page, `${DAY_URL}&queue=elderly`);
	// 2025-11-28 is a Friday, 2024-11-28 a Thursday: service level 1360/1555 = 87.46 % against
	// 1356/1544 = 87.82 % for both the day before and the year before.
	await expect(page.getByTestId('kpi-serviceLevel-yoy')).toHaveText(
		/同比\s*▼\s*-0\.4 个百分点\s*变差/
	);
	await expect(page.getByTestId('kpi-serviceLevel-year-ago')).toHaveText('去年同期 87.8%');
	await expect(page.getByTestId('kpi-serviceLevel-delta')).toHaveText(/环比\s*▼/);
	// 办结: replies 558 (every dispatched ticket) of 585 created = 95.4 %.
	await expect(page.getByTestId('kpi-completionRate-value')).toHaveText('95.4%');
	await expect(page.getByTestId('kpi-completionRate')).toContainText('558 / 585');
	await expect(page.getByTestId('kpi-unresolvableShare-value')).toBeVisible();
	await expect(page.getByTestId('kpi-unreasonableShare-value')).toBeVisible();
	await expect(page.getByTestId('export-csv')).toHaveAttribute(
		'href',
		`/api/v1/history/export.csv?from=${DAY}&to=${DAY}&queue=elderly`
	);
	await expect(page.getByTestId('export-xlsx')).toHaveAttribute(
		'href',
		`/api/v1/history/export.xlsx?from=${DAY}&to=${DAY}&queue=elderly`
	);
	await page.screenshot({ path: test.info().outputPath('manager-kpis-1920.png'), fullPage: false });
	await page.goto(`${server.url}${DAY_URL}&lang=en`);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await expect(page.getByTestId('export-xlsx')).toHaveAttribute(
		'href',
		`/api/v1/history/export.xlsx?from=${DAY}&to=${DAY}&lang=en`
	);
	await expect(page.getByTestId('kpi-serviceLevel-yoy')).toContainText('vs last year');
	await page.screenshot({ path: test.info().outputPath('manager-kpis-en-1920.png') });
});
