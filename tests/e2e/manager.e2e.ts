/**
 * The manager's history view (/manager) in Chromium against fixture responses for the history
 * API (tests/fixtures/history.ts, typed with the contract): the range in the URL, previous/next,
 * KPIs formatted from the fixture, the three intraday series, breakdowns, presentation mode,
 * the CSV link, the PNG download, error and empty states, and screenshots.
 *
 * The page itself is served by its own production server (it needs the manager role once
 * accounts exist). Days are fixed in the past: 2025-11-28 is a Friday (w = 5), the day before a
 * Thursday (w = 4); the expected figures are worked out in tests/fixtures/history.ts's terms.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { TEST_ADMIN_PASSWORD, signIn } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';
import {
	dailyFixture,
	emptySummaryFixture,
	intradayFixture,
	summaryFixture
} from '../fixtures/history';
import { addDays, businessDayOf } from '../../src/lib/metrics/timezone';

const DAY = '2025-11-28';
const DAY_URL = `/manager?view=day&from=${DAY}&to=${DAY}`;

let server: ServerHandle;
test.beforeAll(async () => {
	// The machine is shared: give the server's first start room.
	test.setTimeout(200_000);
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }, { timeoutMs: 180_000 });
});
test.afterAll(async () => {
	await server.stop();
	removeDir(server.dataDir);
});

type Mode = { fail?: { status: number; error: string } | null; empty?: boolean };

/** Answers /api/v1/history/* from the fixtures; returns the requests seen and a switch. */
async function serveHistory(page: Page, mode: Mode = {}) {
	const seen: string[] = [];
	await page.route('**/api/v1/history/**', async (route) => {
		const url = new URL(route.request().url());
		seen.push(`${url.pathname}${url.search}`);
		const q = url.searchParams;
		if (mode.fail) {
			await route.fulfill({ status: mode.fail.status, json: { error: mode.fail.error } });
			return;
		}
		const from = q.get('from') ?? '';
		const to = q.get('to') ?? '';
		if (url.pathname.endsWith('/summary')) {
			await route.fulfill({
				json: mode.empty ? emptySummaryFixture(from, to) : summaryFixture(from, to, 23)
			});
		} else if (url.pathname.endsWith('/intraday')) {
			await route.fulfill({ json: intradayFixture(q.get('day') ?? '', 9, q.get('queue')) });
		} else if (url.pathname.endsWith('/daily')) {
			await route.fulfill({ json: dailyFixture(from, to, 11, q.get('queue')) });
		} else {
			await route.fulfill({ status: 404, json: { error: 'not in the fixture' } });
		}
	});
	return seen;
}

async function open(page: Page, path: string) {
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}${path}`);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
}

const kpi = (page: Page, id: string) => page.getByTestId(`kpi-${id}-value`);

test('defaults to yesterday in the business zone, and says so in the URL-less view', async ({
	page
}) => {
	const seen = await serveHistory(page);
	await open(page, '/manager');
	const yesterday = addDays(businessDayOf(Date.now(), 'Asia/Shanghai'), -1);
	await expect(page.getByTestId('manager')).toHaveAttribute(
		'data-range',
		`${yesterday}/${yesterday}`
	);
	await expect(page.getByTestId('range-label')).toContainText(yesterday);
	expect(seen).toContain(`/api/v1/history/summary?from=${yesterday}&to=${yesterday}`);
	expect(seen).toContain(`/api/v1/history/intraday?day=${yesterday}`);
	await expect(page.getByTestId('view-day')).toHaveAttribute('aria-pressed', 'true');
	// The address bar now links to these very days.
	await expect(page).toHaveURL(
		new RegExp(`/manager\\?view=day&from=${yesterday}&to=${yesterday}$`)
	);
});

test('shows a loading state while the figures are on their way', async ({ page }) => {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await serveHistory(page);
	// Registered last, so asked first: holds the summary, then hands it to the fixture.
	await page.route('**/api/v1/history/summary**', async (route) => {
		await held;
		await route.fallback();
	});
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}${DAY_URL}`);
	await expect(page.getByTestId('loading')).toHaveText('正在加载 2025-11-28 至 2025-11-28 的数据…');
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'loading');
	release();
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await expect(page.getByTestId('loading')).toHaveCount(0);
});

test('KPIs show the fixture figures, targets and changes, formatted for zh-CN', async ({
	page
}) => {
	await serveHistory(page);
	await open(page, DAY_URL);
	// Service level 1360 / 1555 = 87.46 %; the day before 1356 / 1544 = 87.82 %: −0.36 points.
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.5%');
	await expect(page.getByTestId('kpi-serviceLevel')).toHaveAttribute('data-level', 'good');
	await expect(page.getByTestId('kpi-serviceLevel')).toContainText('达标');
	await expect(page.getByTestId('kpi-serviceLevel')).toContainText('目标 ≥ 80%');
	await expect(page.getByTestId('kpi-serviceLevel-delta')).toHaveText(/▼\s*-0\.4 个百分点\s*变差/);
	await expect(page.getByTestId('kpi-serviceLevel-previous')).toHaveText('上期 87.8%');
	// Answer rate 1515 / 1555 = 97.43 % vs 1505 / 1544 = 97.47 %: −0.05 points rounds to flat.
	await expect(kpi(page, 'answerRate')).toHaveText('97.4%');
	await expect(page.getByTestId('kpi-answerRate-delta')).toHaveAttribute('data-verdict', 'same');
	// ASA 13770 / 1515 = 9.09 s; abandon rate 40 / 1555 = 2.57 % against ≤ 5 %.
	await expect(kpi(page, 'asa')).toHaveText('9.1 秒');
	await expect(kpi(page, 'abandonRate')).toHaveText('2.6%');
	await expect(page.getByTestId('kpi-abandonRate')).toContainText('目标 ≤ 5%');
	// Tickets: on time 544 / 558 = 97.49 %; 三率 174, 156, 157 of 190 surveyed.
	await expect(kpi(page, 'onTimeRate')).toHaveText('97.5%');
	await expect(kpi(page, 'responseRate')).toHaveText('91.6%');
	await expect(kpi(page, 'resolutionRate')).toHaveText('82.1%');
	await expect(kpi(page, 'satisfactionRate')).toHaveText('82.6%');
	await expect(page.getByTestId('kpi-satisfactionRate')).toContainText('157 / 190');
	// 157 vs 158 of 190: −0.53 points, worse.
	await expect(page.getByTestId('kpi-satisfactionRate-delta')).toHaveText(
		/▼\s*-0\.5 个百分点\s*变差/
	);
	await expect(page.getByTestId('query-ms')).toHaveText('查询耗时：汇总 23 ms · 图表 9 ms');
});

test('range switching and previous/next update the URL and the figures; back works', async ({
	page
}) => {
	await serveHistory(page);
	await open(page, DAY_URL);
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.5%');

	await page.getByTestId('range-previous').click();
	await expect(page).toHaveURL(/view=day&from=2025-11-27&to=2025-11-27/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-range', '2025-11-27/2025-11-27');
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	// Thursday: 1356 / 1544 = 87.82 %.
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.8%');

	await page.getByTestId('range-next').click();
	await expect(page).toHaveURL(/from=2025-11-28&to=2025-11-28/);
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.5%');
	await page.goBack();
	await expect(page).toHaveURL(/from=2025-11-27&to=2025-11-27/);
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.8%');
	await page.goForward();

	// The week of Friday 2025-11-28 is Monday 24 to Sunday 30 (Σw = 28): offered 7,280 + 2,100
	// + 1,428 = 10,808; abandoned 168 + 70 + 35 = 273; within target 6,272 + 1,890 + 1,330 =
	// 9,492 → 87.82 %; answered 10,535 → 97.47 %.
	await page.getByTestId('view-week').click();
	await expect(page).toHaveURL(/view=week&from=2025-11-24&to=2025-11-30/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-range', '2025-11-24/2025-11-30');
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.8%');
	await expect(kpi(page, 'answerRate')).toHaveText('97.5%');
	await expect(page.getByTestId('by-queue-total')).toContainText('10,808');
	await expect(page.getByTestId('chart-daily')).toHaveAttribute('data-series', '1');
	await expect(page.getByTestId('range-label')).toHaveText('2025-11-24 至 2025-11-30（7 天）');

	await page.getByTestId('range-previous').click();
	await expect(page).toHaveURL(/view=week&from=2025-11-17&to=2025-11-23/);

	await page.getByTestId('view-month').click();
	await expect(page).toHaveURL(/view=month&from=2025-11-01&to=2025-11-30/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await page.getByTestId('range-next').click();
	await expect(page).toHaveURL(/view=month&from=2025-12-01&to=2025-12-31/);
});

test('a custom range is checked, then shown per day', async ({ page }) => {
	await serveHistory(page);
	await open(page, DAY_URL);
	await page.getByTestId('view-custom').click();
	await page.getByTestId('custom-from').fill('2025-11-10');
	await page.getByTestId('custom-to').fill('2025-11-03');
	await page.getByTestId('custom-apply').click();
	await expect(page.getByTestId('custom-problem')).toHaveText(
		'开始日期晚于结束日期，请对调后再查看。'
	);
	await page.getByTestId('custom-to').fill('2025-11-16');
	await page.getByTestId('custom-apply').click();
	await expect(page).toHaveURL(/view=custom&from=2025-11-10&to=2025-11-16/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-range', '2025-11-10/2025-11-16');
	await expect(page.getByTestId('range-label')).toHaveText('2025-11-10 至 2025-11-16（7 天）');
	// A custom range steps by its own length.
	await page.getByTestId('range-previous').click();
	await expect(page).toHaveURL(/view=custom&from=2025-11-03&to=2025-11-09/);
});

test('a broken link falls back to yesterday and says why', async ({ page }) => {
	await serveHistory(page);
	await open(page, '/manager?from=2025-11-30&to=2025-11-01');
	await expect(page.getByTestId('range-problem')).toContainText('开始日期晚于结束日期');
});

test('the intraday chart overlays day, day before and a week before; the figure toggles', async ({
	page
}) => {
	await serveHistory(page);
	await open(page, DAY_URL);
	const chart = page.getByTestId('chart-intraday');
	await expect(chart).toHaveAttribute('data-series', '3');
	for (const key of ['day', 'yesterday', 'lastWeek']) {
		await expect(page.getByTestId(`chart-intraday-series-${key}`)).toHaveAttribute('d', /^M.+L/);
	}
	await expect(page.getByTestId('chart-intraday-legend-day')).toContainText('当天 11-28');
	await expect(page.getByTestId('chart-intraday-legend-yesterday')).toContainText('前一天 11-27');
	await expect(page.getByTestId('chart-intraday-legend-lastWeek')).toContainText('上周同日 11-21');

	// The readout at 10:00 (bucket 40): offered 64 on the day (fixture offeredAt(600, 1)).
	const hit = chart.locator('rect.hit');
	const box = (await hit.boundingBox())!;
	await hit.hover({ position: { x: (box.width * 40) / 95, y: box.height / 2 } });
	const readout = page.getByTestId('chart-intraday-readout');
	await expect(readout).toContainText('10:00–10:15');
	await expect(readout).toContainText('64');

	await page.getByTestId('metric-serviceLevel').click();
	await expect(page).toHaveURL(/metric=serviceLevel/);
	await expect(page.getByTestId('chart-intraday-target')).toContainText('目标 80%');
});

test("today's line stops at its last 15 minutes with calls", async ({ page }) => {
	const today = businessDayOf(Date.now(), 'Asia/Shanghai');
	await serveHistory(page);
	// Registered last, so asked first: today so far runs to 10:00 (bucket 40).
	await page.route('**/api/v1/history/intraday**', async (route) => {
		const body = intradayFixture(today, 4);
		const day = body.series.find((x) => x.key === 'day')!;
		day.points = day.points.filter((p) => p.minute <= 600);
		await route.fulfill({ json: body });
	});
	await open(page, `/manager?view=day&from=${today}&to=${today}`);
	const segments = async (key: string) =>
		((await page.getByTestId(`chart-intraday-series-${key}`).getAttribute('d')) ?? '').split('L')
			.length;
	expect(await segments('day')).toBe(41);
	expect(await segments('yesterday')).toBe(96);
	// Arrow keys step the readout along the points.
	await page.getByRole('slider').focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('chart-intraday-readout')).toContainText('00:15–00:30');
	await expect(page.getByRole('slider')).toHaveAttribute('aria-valuetext', '00:15–00:30');
});

test('the chart narrows to one queue, in the URL', async ({ page }) => {
	const seen = await serveHistory(page);
	await open(page, DAY_URL);
	await page.getByTestId('chart-queue').selectOption('enterprise');
	await expect(page).toHaveURL(/queue=enterprise/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	expect(seen).toContain(`/api/v1/history/intraday?day=${DAY}&queue=enterprise`);
	await expect(page.getByTestId('chart-intraday')).toHaveAttribute(
		'aria-label',
		`${DAY} 每 15 分钟呼入（企业）`
	);
	// The KPIs stay the hall's.
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.5%');
	// A week per day for the queue: enterprise offers 300 every day.
	await page.getByTestId('view-week').click();
	await expect(page).toHaveURL(/view=week&from=2025-11-24&to=2025-11-30&queue=enterprise/);
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	expect(seen).toContain('/api/v1/history/daily?from=2025-11-24&to=2025-11-30&queue=enterprise');
	const hit = page.getByTestId('chart-daily').locator('rect.hit');
	const box = (await hit.boundingBox())!;
	await hit.hover({ position: { x: box.width / 2, y: box.height / 2 } });
	await expect(page.getByTestId('chart-daily-readout')).toContainText('2025-11-27');
	await expect(page.getByTestId('chart-daily-readout')).toContainText('300');
	await page.getByTestId('chart-queue').selectOption('');
	await expect(page).not.toHaveURL(/queue=/);
});

test('breakdowns sort by a tapped header and total their rows', async ({ page }) => {
	await serveHistory(page);
	await open(page, DAY_URL);
	const rows = page.getByTestId('by-queue-row');
	// By offered, most first: 综合 1,050, 企业 300, 老年人 205.
	await expect(rows.locator('th')).toHaveText(['综合', '企业', '老年人']);
	await expect(page.getByTestId('by-queue-total')).toContainText('1,555');
	// Service level: 老年人 190/205 = 92.7 %, 企业 270/300 = 90.0 %, 综合 900/1050 = 85.7 %.
	await page.getByTestId('by-queue-sort-serviceLevel').click();
	await expect(rows.locator('th')).toHaveText(['老年人', '企业', '综合']);
	await expect(rows.first()).toContainText('92.7%');
	await page.getByTestId('by-queue-sort-serviceLevel').click();
	await expect(rows.locator('th')).toHaveText(['综合', '企业', '老年人']);
	await expect(page.getByTestId('by-district-row')).toHaveCount(3);
	await expect(page.getByTestId('by-department-row')).toHaveCount(4);
	// Created 20 + 155 + 410 = 585 tickets that day.
	await expect(page.getByTestId('by-category-total')).toContainText('585');
});

test('presentation mode hides the controls, enlarges the type, keeps the range; Esc leaves', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page);
	await open(page, DAY_URL);
	const size = () =>
		page
			.getByTestId('kpi-serviceLevel-value')
			.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	const normal = await size();

	await page.getByTestId('present-enter').click();
	await expect(page).toHaveURL(/present=1/);
	await expect(page).toHaveURL(/from=2025-11-28&to=2025-11-28/);
	await expect(page.getByTestId('range-picker')).toHaveCount(0);
	await expect(page.getByTestId('export-csv')).toHaveCount(0);
	await expect(page.getByTestId('present-exit')).toBeVisible();
	expect(await size()).toBeGreaterThan(normal * 1.3);
	// Readable from 5 m: KPI digits at least 5 % of the screen height.
	expect(await size()).toBeGreaterThanOrEqual(54);
	// The range, the KPIs and the whole chart on the first screen.
	const trend = (await page.getByTestId('trend').boundingBox())!;
	expect(trend.y + trend.height).toBeLessThanOrEqual(1080);
	expect(trend.height).toBeGreaterThan(1080 * 0.35);

	await page.keyboard.press('Escape');
	await expect(page).not.toHaveURL(/present=1/);
	await expect(page.getByTestId('range-picker')).toBeVisible();
	await expect(page).toHaveURL(/from=2025-11-28&to=2025-11-28/);

	// A link opens straight into it; the visible button leaves it.
	await page.goto(`${server.url}${DAY_URL}&present=1`);
	await expect(page.getByTestId('present-exit')).toBeVisible();
	await page.getByTestId('present-exit').click();
	await expect(page.getByTestId('range-picker')).toBeVisible();
});

test('presentation mode works when full screen is refused', async ({ page }) => {
	await page.addInitScript(() => {
		Element.prototype.requestFullscreen = () =>
			Promise.reject(new TypeError('Permissions check failed'));
	});
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page);
	await open(page, DAY_URL);
	await page.getByTestId('present-enter').click();
	await expect(page.getByTestId('present-exit')).toBeVisible();
	await expect(page.getByTestId('kpi-serviceLevel-value')).toHaveText('87.5%');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('range-picker')).toBeVisible();
});

test('on a 1024×768 touch screen a tap on the chart reads a point', async ({ browser }) => {
	const context = await browser.newContext({
		viewport: { width: 1024, height: 768 },
		hasTouch: true,
		isMobile: false
	});
	const page = await context.newPage();
	await serveHistory(page);
	await open(page, DAY_URL);
	const hit = page.getByTestId('chart-intraday').locator('rect.hit');
	await hit.scrollIntoViewIfNeeded();
	const box = (await hit.boundingBox())!;
	// Bucket 60 is 15:00, the afternoon peak: offeredAt(900, 1) = 52.
	await page.touchscreen.tap(box.x + (box.width * 60) / 95, box.y + box.height / 2);
	const readout = page.getByTestId('chart-intraday-readout');
	await expect(readout).toContainText('15:00–15:15');
	await expect(readout).toContainText('52');
	await context.close();
});

test('the CSV link asks the export for the range on screen', async ({ page }) => {
	await serveHistory(page);
	await open(page, `/manager?view=week&from=2025-11-24&to=2025-11-30`);
	const csv = page.getByTestId('export-csv');
	await expect(csv).toHaveAttribute(
		'href',
		'/api/v1/history/export.csv?from=2025-11-24&to=2025-11-30'
	);
	await expect(csv).toHaveAttribute('download', 'history-2025-11-24-2025-11-30.csv');
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the PNG button downloads the chart as a real PNG at 2×', async ({ page }, info) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await serveHistory(page);
	await open(page, DAY_URL);
	const svgBox = (await page.getByTestId('chart-intraday').locator('svg').first().boundingBox())!;
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-png').click()
	]);
	expect(download.suggestedFilename()).toBe(`intraday-${DAY}.png`);
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
	expect(pngSize(bytes)).toEqual({
		width: Math.round(svgBox.width) * 2,
		height: Math.round(svgBox.height) * 2
	});
	expect(bytes.length).toBeGreaterThan(20_000);
	const file = info.outputPath(download.suggestedFilename());
	await download.saveAs(file);
	await info.attach('exported-chart', { path: file, contentType: 'image/png' });
});

test('a failed request shows the server message and retries', async ({ page }) => {
	const mode: Mode = { fail: { status: 503, error: 'history store unreachable' } };
	await serveHistory(page, mode);
	await signIn(page, server, 'manager');
	await page.goto(`${server.url}${DAY_URL}`);
	const error = page.getByTestId('error');
	await expect(error).toContainText('数据加载失败：history store unreachable（HTTP 503）');
	mode.fail = null;
	await page.getByTestId('retry').click();
	await expect(page.getByTestId('manager')).toHaveAttribute('data-state', 'ready');
	await expect(kpi(page, 'serviceLevel')).toHaveText('87.5%');
});

test('an empty range says how to get demo data', async ({ page }) => {
	await serveHistory(page, { empty: true });
	await open(page, DAY_URL);
	await expect(page.getByTestId('empty')).toContainText('npm run seed:history');
});

const SHOTS = [
	['desktop', 1920, 1080, DAY_URL],
	[
		'desktop-week',
		1920,
		1080,
		'/manager?view=week&from=2025-11-24&to=2025-11-30&metric=serviceLevel'
	],
	['tablet', 1024, 768, DAY_URL],
	['present', 1920, 1080, `${DAY_URL}&present=1`],
	['desktop-en', 1920, 1080, `${DAY_URL}&lang=en`]
] as const;
for (const [name, width, height, path] of SHOTS) {
	test(`screenshot: ${name} at ${width}×${height}`, async ({ page }, info) => {
		await page.setViewportSize({ width, height });
		await serveHistory(page);
		await open(page, path);
		await expect(page.locator('[data-testid^="chart-"] svg').first()).toBeVisible();
		const file = info.outputPath(`manager-${name}-${width}x${height}.png`);
		await page.screenshot({ path: file, fullPage: name !== 'present' });
		await info.attach(`manager-${name}`, { path: file, contentType: 'image/png' });
		if (name === 'tablet' || name === 'present') {
			// Nothing wider than the screen.
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);
		}
	});
}
