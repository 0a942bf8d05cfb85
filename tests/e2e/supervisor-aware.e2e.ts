/**
 * The supervisors' callback list and district drill-down (issue 12, contract v1.1 §7) with touch
 * at 1024×768 and 390×844: hall → callbacks tile → the abandoned calls awaiting a callback, oldest
 * first, callers masked, the time since the abandon ticking; a call called back leaves the list
 * live; tickets → a district chip → its pending and overdue tickets and its topics today.
 */
import { expect, test } from '@playwright/test';
import { signIn, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';
import { noonZone } from '../helpers/clock';

const SIZES = [
	{ name: 'landscape-1024x768', width: 1024, height: 768 },
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

/** Three abandoned calls, and tickets in `home` (a district of its own per test) and 海淀区. */
function scenario(now: number, p: string, home: string) {
	const abandoned = [
		[`${p}K1`, 'elderly', 1800, '13900001111'],
		[`${p}K2`, 'general', 600, '13900002222'],
		[`${p}K3`, 'general', 300, '13900003333']
	] as const;
	const min = 60_000;
	return [
		...abandoned.flatMap(([callId, queue, s, caller], i) => [
			{ id: `${p}o${i}`, type: 'call.offered', at: now - s * 1000 - 30_000, callId, queue, caller },
			{ id: `${p}x${i}`, type: 'call.abandoned', at: now - s * 1000, callId }
		]),
		...(
			[
				['T1', home, '噪音扰民', 'general', 20],
				['T2', home, '噪音扰民', 'general', 50],
				['T3', home, '停水', 'livelihood', 150], // overdue: 2 h deadline passed
				['T4', '海淀区', '供暖', 'livelihood', 10]
			] as const
		).map(([t, district, topic, category, m], i) => ({
			id: `${p}t${i}`,
			type: 'ticket.created',
			at: now - m * min,
			ticketId: `${p}${t}`,
			category,
			kind: 'complaint',
			district,
			street: district === home ? '望京街道' : '中关村街道',
			topic
		}))
	];
}

let server: ServerHandle;
test.beforeAll(async () => {
	server = await startServer({
		ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
		WALLBOARD_TIMEZONE: noonZone()
	});
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

for (const size of SIZES) {
	test.describe(`${size.name} with touch`, () => {
		test.use({ viewport: { width: size.width, height: size.height }, hasTouch: true });

		test('hall → callbacks; tickets → district → its tickets and topics', async ({
			page
		}, info) => {
			const p = `${size.width}-`;
			const home = size.width === 1024 ? '朝阳区' : '丰台区';
			const now = Date.now();
			await post(server.url, scenario(now, p, home));
			await signIn(page, server, 'supervisor');
			await page.goto(`${server.url}/supervisor`);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');

			const tile = page.getByTestId('hall-callbacks');
			await expect(tile).toBeVisible();
			await page.screenshot({
				path: info.outputPath(`aware-hall-${size.name}.png`),
				fullPage: true
			});
			await tile.tap();
			await expect(page).toHaveURL(/\?callbacks/);
			const list = page.getByTestId('callback-list');
			await expect(list.getByTestId(`callback-${p}K1`)).toContainText('139****1111');
			const order = await list
				.locator('[data-testid^="callback-"][data-testid*="K"]')
				.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
			expect(order.filter((id) => id?.includes(p) && !id.includes('wait'))).toEqual([
				`callback-${p}K1`,
				`callback-${p}K2`,
				`callback-${p}K3`
			]);
			const wait = page.getByTestId(`callback-wait-${p}K3`);
			const before = await wait.textContent();
			await expect(wait).not.toHaveText(before ?? '', { timeout: 3000 });
			await page.screenshot({
				path: info.outputPath(`aware-callbacks-${size.name}.png`),
				fullPage: true
			});

			// A callback arrives: the call leaves the list without a reload.
			await post(server.url, [
				{ id: `${p}cb`, type: 'call.callback', at: Date.now(), callId: `${p}K2`, agentId: 'E1' }
			]);
			await expect(list.getByTestId(`callback-${p}K2`)).toHaveCount(0);

			// Queue chip narrows the list.
			await page.getByTestId('filter-queue').locator('[data-value="elderly"]').tap();
			await expect(page).toHaveURL(/callbacks&queue=elderly/);
			await expect(list.getByTestId(`callback-${p}K3`)).toHaveCount(0);
			await expect(list.getByTestId(`callback-${p}K1`)).toBeVisible();

			// District drill-down from the tickets view.
			await page.goto(`${server.url}/supervisor?tickets`);
			await page.getByTestId('filter-district').selectOption(home);
			await expect(page).toHaveURL(/district=/);
			const topics = page.getByTestId('district-topics');
			await expect(topics.getByTestId('topic-噪音扰民')).toContainText('2');
			await expect(topics.getByTestId('topic-停水')).toContainText('1');
			await expect(topics.getByTestId('topic-供暖')).toHaveCount(0);
			await expect(page.getByTestId(`ticket-${p}T3`)).toBeVisible();
			await expect(page.getByTestId(`ticket-${p}T4`)).toHaveCount(0);
			await page.screenshot({
				path: info.outputPath(`aware-district-${size.name}.png`),
				fullPage: true
			});
		});
	});
}
