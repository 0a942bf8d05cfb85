/**
 * The supervisors' tablet page (/supervisor) with touch, on tablet and phone viewports: two taps
 * from a red tile to the call, agent or ticket behind it; back works; PII masked; an alert
 * acknowledged on the tablet shows as acknowledged on the wall. Screenshots of each viewport and
 * of the wall with an alert at 1920×1080 and 3840×2160.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { enrolDisplay, signIn, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import {
	NO_ALERT_HOLDS,
	removeDir,
	startServer,
	TEST_INGEST_TOKEN,
	type ServerHandle
} from '../helpers/server';
import { SEED_PII, hallEvents } from './wall-seed';
import { noonZone } from '../helpers/clock';

const TABLETS = [
	{ name: 'landscape-1024x768', width: 1024, height: 768 },
	{ name: 'portrait-768x1024', width: 768, height: 1024 },
	{ name: 'landscape-1366x1024', width: 1366, height: 1024 },
	{ name: 'phone-390x844', width: 390, height: 844 }
] as const;

async function post(url: string, events: unknown[]) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(events)
	});
	expect(res.status).toBe(200);
	expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
}

/** The hall of the wall's screenshots plus a red queue with named agents and masked callers. */
function scenario(now: number) {
	const prefix = `sv-${now}`;
	return [
		...hallEvents(now, prefix),
		...[150, 100, 40].map((s, i) => ({
			id: `${prefix}-eo${i}`,
			type: 'call.offered',
			at: now - s * 1000,
			callId: `EC${i + 1}`,
			queue: 'elderly',
			caller: `1381234000${i}`
		})),
		...[
			['E1', '王芳', 'busy'],
			['E2', '刘强', 'wrapup'],
			['E3', '陈静', 'available']
		].map(([agentId, name, state], i) => ({
			id: `${prefix}-ea${i}`,
			type: 'agent.state',
			at: now - (i + 1) * 95_000,
			agentId,
			state,
			name,
			team: 'elderly'
		}))
	];
}

/** No sideways scrolling; a failure names the elements that stick out past the right edge. */
async function noSideways(page: Page) {
	const w = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth,
		out: [...document.querySelectorAll('body *')]
			.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
			.map((e) => {
				const r = Math.round(e.getBoundingClientRect().right);
				return `${e.tagName.toLowerCase()}.${e.classList[0] ?? ''} right=${r} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
			})
			.slice(-6)
	}));
	expect(w.scroll, `sticking out: ${JSON.stringify(w.out, null, 1)}`).toBeLessThanOrEqual(w.inner);
}

/** Every link and button at least 44 px tall and wide (touch targets). */
async function smallTargets(page: Page) {
	return page.evaluate(() =>
		[
			...document.querySelectorAll(
				'[data-testid="supervisor"] a, [data-testid="supervisor"] button'
			)
		]
			.map((el) => ({ el, r: el.getBoundingClientRect() }))
			.filter(({ r }) => r.width > 0 && (r.height < 43.5 || r.width < 43.5))
			.map(({ el, r }) => `${el.textContent?.trim().slice(0, 20)} ${r.width}×${r.height}`)
	);
}

let server: ServerHandle;
test.beforeAll(async () => {
	server = await startServer({
		ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
		WALLBOARD_TIMEZONE: noonZone(),
		...NO_ALERT_HOLDS
	});
	await post(server.url, scenario(Date.now()));
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

for (const size of TABLETS) {
	test.describe(`${size.name} with touch`, () => {
		test.use({
			viewport: { width: size.width, height: size.height },
			hasTouch: true,
			isMobile: false
		});

		test('red tile → queue → agent or call; red tile → tickets → timeline; back works', async ({
			page
		}, info) => {
			await signIn(page, server, 'supervisor');
			const frames: string[] = [];
			page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
			await page.goto(`${server.url}/supervisor`);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
			const elderly = page.getByTestId('queue-tile-elderly');
			await expect(elderly).toHaveAttribute('data-level', 'bad');
			await noSideways(page);
			expect(await smallTargets(page)).toEqual([]);
			await page.screenshot({
				path: info.outputPath(`supervisor-hall-${size.name}.png`),
				fullPage: true
			});

			// Tap 1: the red queue → its waiting calls (masked) and agents.
			await elderly.tap();
			await expect(page).toHaveURL(/\?queue=elderly/);
			await expect(page.getByTestId('call-EC1')).toContainText('138****0000');
			// The seed may leave one of its own calls waiting here too: EC1–EC3 are ours, in order.
			await expect(page.getByTestId('call-EC3')).toContainText('138****0002');
			const positions = await page
				.getByTestId('call-rows')
				.locator('a')
				.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
			const first = positions.indexOf('call-EC1');
			expect(positions.slice(first, first + 3)).toEqual(['call-EC1', 'call-EC2', 'call-EC3']);
			await expect(page.getByTestId('agent-E1')).toContainText('王芳');
			await noSideways(page);
			await page.screenshot({
				path: info.outputPath(`supervisor-queue-${size.name}.png`),
				fullPage: true
			});
			// The wait ticks on the client.
			const wait = page.getByTestId('call-EC1').locator('.num').last();
			const before = await wait.textContent();
			await expect(wait).not.toHaveText(before ?? '', { timeout: 3000 });

			// Tap 2: an agent.
			await page.getByTestId('agent-E1').tap();
			await expect(page).toHaveURL(/\?agent=E1/);
			await expect(page.getByTestId('agent-name')).toHaveText('王芳');
			await expect(page.getByTestId('agent-state')).toHaveText('通话');
			// Back → the queue; tap 2 the other way: a call.
			await page.goBack();
			await expect(page).toHaveURL(/\?queue=elderly$/);
			await page.getByTestId('call-EC2').tap();
			await expect(page.getByTestId('call-detail')).toContainText('138****0001');
			await expect(page.getByTestId('call-position')).toHaveText(String(first + 2));

			// From the hall: the red emergency tickets tile → the tickets → the overdue ticket's timeline.
			await page.getByTestId('tab-hall').tap();
			const emergency = page.getByTestId('hall-tickets-emergency');
			await expect(emergency).toHaveAttribute('data-level', 'bad');
			await emergency.tap();
			await expect(page).toHaveURL(/\?tickets&category=emergency/);
			const overdue = page.locator('[data-testid="tickets-emergency"] .bad + ul a').first();
			await expect(overdue).toBeVisible();
			await noSideways(page);
			await page.screenshot({
				path: info.outputPath(`supervisor-tickets-${size.name}.png`),
				fullPage: true
			});
			await overdue.tap();
			await expect(page).toHaveURL(/\?ticket=/);
			const timeline = page.getByTestId('ticket-timeline');
			await expect(timeline.getByTestId('timeline-created')).toContainText('136****4321');
			await expect(timeline.getByTestId('timeline-created')).toContainText('张**');
			await expect(timeline.getByTestId('timeline-created')).toContainText(SEED_PII.summary);
			await expect(page.getByTestId('ticket-status')).toHaveText('超时未派');
			await noSideways(page);
			await page.screenshot({
				path: info.outputPath(`supervisor-ticket-${size.name}.png`),
				fullPage: true
			});
			await page.goBack();
			await expect(page).toHaveURL(/\?tickets&category=emergency/);

			// Raw PII never reached the page or its socket (the summary only through the timeline).
			const traffic = frames.join('\n');
			for (const raw of [
				'13812340000',
				SEED_PII.caller,
				SEED_PII.callerPhone,
				SEED_PII.callerName
			]) {
				expect(traffic).not.toContain(raw);
				expect(await page.content()).not.toContain(raw);
			}
		});

		test('agents filter by team and state with chips', async ({ page }) => {
			await signIn(page, server, 'supervisor');
			await page.goto(`${server.url}/supervisor?agents`);
			await page.getByTestId('filter-team').locator('[data-value="elderly"]').tap();
			await expect(page).toHaveURL(/team=elderly/);
			await expect(page.getByTestId('agent-rows').locator('li')).toHaveCount(3);
			await page.getByTestId('filter-state').locator('[data-value="available"]').tap();
			await expect(page.getByTestId('agent-rows').locator('li')).toHaveCount(1);
			await expect(page.getByTestId('agent-E3')).toContainText('陈静');
			expect(await smallTargets(page)).toEqual([]);

			// In English too, nothing runs off the side.
			await page.goto(`${server.url}/supervisor?tickets&lang=en`);
			await expect(page.getByTestId('tickets-emergency')).toContainText('Overdue');
			await expect(page.getByTestId('tab-tickets')).toHaveText('Tickets');
			await noSideways(page);
			expect(await smallTargets(page)).toEqual([]);
		});
	});
}

/** The wall is an enrolled display: its browser gets the device cookie. */
async function enrolContext(context: BrowserContext): Promise<string> {
	const screen = await enrolDisplay(server, `Wall ${Date.now()}`);
	const [name, value] = screen.cookie.split('=') as [string, string];
	await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
	return screen.cookie;
}

test.describe('alerts', () => {
	test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

	test('acknowledged on the tablet, shown acknowledged on the wall; the wall with an alert', async ({
		page,
		browser
	}, info) => {
		await signIn(page, server, 'supervisor');
		const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await enrolContext(wallContext);
		const wall = await wallContext.newPage();
		await wall.goto(`${server.url}/wall`);
		const wallAlert = wall.getByTestId('wall-alert-overdueEmergency:all');
		await expect(wallAlert).toHaveAttribute('data-acked', 'no');

		await page.goto(`${server.url}/supervisor`);
		const alert = page.getByTestId('alert-overdueEmergency:all');
		await expect(alert).toBeVisible();
		await page.getByTestId('ack-overdueEmergency:all').tap();
		await expect(alert).toHaveAttribute('data-acked', 'yes');
		await expect(alert.getByTestId('alert-acked')).toContainText('已确认');

		// An alert leads to what is behind it: the queue of a queue's figure.
		await page.getByTestId('alert-open-longestWaitSeconds:elderly').tap();
		await expect(page).toHaveURL(/\?queue=elderly/);
		await expect(page.getByTestId('call-EC1')).toBeVisible();

		await expect(wallAlert).toHaveAttribute('data-acked', 'yes', { timeout: 3000 });
		await expect(wallAlert).toContainText('已确认');
		await page.screenshot({ path: info.outputPath('supervisor-alert-acked-1024x768.png') });
		for (const [w, h] of [
			[1920, 1080],
			[3840, 2160]
		] as const) {
			await wall.setViewportSize({ width: w, height: h });
			await expect(wall.locator('[data-testid="series-chart"] path.bars').first()).toBeAttached();
			const size = await wall.evaluate(() => ({
				w: document.documentElement.scrollWidth,
				h: document.documentElement.scrollHeight
			}));
			expect(size).toEqual({ w, h });
			await wall.screenshot({ path: info.outputPath(`wall-alert-${w}x${h}.png`) });
		}
		await wallContext.close();
	});

	test('the wall beeps for a new red alert once sound is enabled, and says when it is blocked', async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const display = await enrolContext(context);
		const wall = await context.newPage();
		await wall.goto(`${server.url}/wall`);
		const control = wall.getByTestId('sound');
		await expect(control).toHaveAttribute('data-state', 'off');
		await control.click();
		await expect(control).toHaveAttribute('data-state', 'on');
		const beeps = Number(await control.getAttribute('data-beeps'));
		await post(server.url, [
			{
				id: `vip-${Date.now()}`,
				type: 'call.offered',
				at: Date.now() - 90_000,
				callId: 'VIP1',
				queue: 'vip'
			}
		]);
		await expect(control).toHaveAttribute('data-beeps', String(beeps + 1), { timeout: 5000 });
		const list = (await (
			await fetch(`${server.url}/api/v1/alerts`, { headers: { cookie: display } })
		).json()) as {
			active: Array<{ key: string; level: string }>;
		};
		expect(list.active).toContainEqual(
			expect.objectContaining({ key: 'longestWaitSeconds:vip', level: 'bad' })
		);

		// Reloaded, the remembered choice meets the autoplay rule: blocked, said so, one tap fixes it.
		await wall.reload();
		const again = wall.getByTestId('sound');
		const state = await again.getAttribute('data-state');
		if (state === 'blocked') {
			await expect(again).toContainText('声音被浏览器阻止');
			await again.click();
		}
		await expect(again).toHaveAttribute('data-state', 'on');
		await context.close();
	});
});
