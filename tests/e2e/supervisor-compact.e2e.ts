/**
 * Issue 16 items 2 and 6 on a 1024×768 touch tablet: the tickets view's filters stay compact with
 * 16 districts and 250 units (category chips, a district select, a unit search), so the first
 * ticket starts within the first screen after tapping 紧急; and the queue view hides offline
 * agents by default, its toggle naming how many. Screenshots of both.
 */
import { expect, test } from '@playwright/test';
import { signIn, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const DISTRICTS = [
	'东城区',
	'西城区',
	'朝阳区',
	'海淀区',
	'丰台区',
	'石景山区',
	'门头沟区',
	'房山区',
	'通州区',
	'顺义区',
	'昌平区',
	'大兴区',
	'怀柔区',
	'平谷区',
	'密云区',
	'延庆区'
];
const UNITS = Array.from({ length: 250 }, (_, i) => `承办单位${String(i + 1).padStart(3, '0')}`);

async function post(url: string, events: unknown[]) {
	for (let i = 0; i < events.length; i += 2000) {
		const res = await fetch(`${url}/api/v1/events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(events.slice(i, i + 2000))
		});
		expect(res.status).toBe(200);
		expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
	}
}

/** One dispatched ticket per unit (16 districts); pending emergencies; a big team mostly offline. */
function scenario(now: number) {
	const out: unknown[] = [];
	UNITS.forEach((unit, i) => {
		const district = DISTRICTS[i % DISTRICTS.length];
		out.push(
			{
				id: `cp-c${i}`,
				type: 'ticket.created',
				at: now - 3 * 3600_000 + i * 1000,
				ticketId: `CPT${i}`,
				category: 'general',
				kind: 'complaint',
				district
			},
			{
				id: `cp-d${i}`,
				type: 'ticket.dispatched',
				at: now - 3600_000,
				ticketId: `CPT${i}`,
				department: unit
			}
		);
	});
	for (let i = 0; i < 5; i++) {
		out.push({
			id: `cp-e${i}`,
			type: 'ticket.created',
			at: now - 90 * 60_000 + i * 60_000,
			ticketId: `CPE${i}`,
			category: 'emergency',
			kind: 'help',
			district: DISTRICTS[i]
		});
	}
	// 综合 (general): 12 agents on duty, 30 offline.
	for (let i = 0; i < 42; i++) {
		out.push({
			id: `cp-a${i}`,
			type: 'agent.state',
			at: now - 600_000 + i * 1000,
			agentId: `G${String(i).padStart(3, '0')}`,
			state: i < 12 ? (i % 3 === 0 ? 'busy' : 'available') : 'offline',
			name: `坐席${i}`,
			team: 'general'
		});
	}
	return out;
}

let server: ServerHandle;
test.beforeAll(async () => {
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
	await post(server.url, scenario(Date.now()));
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

test.describe('1024×768 touch tablet', () => {
	test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false });

	test('tickets: compact filters; after 紧急 the first ticket is on the first screen', async ({
		page
	}, info) => {
		await signIn(page, server, 'supervisor');
		await page.goto(`${server.url}/supervisor?tickets`);
		await page.getByTestId('filter-category').locator('[data-value="emergency"]').tap();
		await expect(page).toHaveURL(/category=emergency/);
		const first = page.getByTestId('tickets-emergency').locator('[data-testid^="ticket-"]').first();
		await expect(first).toBeVisible();
		const box = await first.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.y + box!.height).toBeLessThanOrEqual(768);
		const filters = await page.getByTestId('ticket-filters').boundingBox();
		expect(filters!.height).toBeLessThan(260);
		await page.screenshot({ path: info.outputPath('supervisor-tickets-emergency-1024x768.png') });
		const district = page.getByTestId('filter-district');
		await expect(district.locator('option')).toHaveCount(DISTRICTS.length + 1);

		// The district select narrows the list; the unit search finds one of 250 by part of its name.
		await district.selectOption('朝阳区');
		await expect(page).toHaveURL(/district=%E6%9C%9D%E9%98%B3%E5%8C%BA|district=朝阳区/);
		await expect(page.getByTestId('ticket-CPE2')).toBeVisible();
		await expect(page.getByTestId('ticket-CPE0')).toHaveCount(0);
		await page.goto(`${server.url}/supervisor?tickets`);
		const unit = page.getByTestId('filter-department');
		await unit.fill('承办单位123');
		await unit.press('Enter');
		await expect(page).toHaveURL(/department=/);
		await expect(page.getByTestId('ticket-CPT122')).toBeVisible();
		await expect(page.getByTestId('ticket-CPT121')).toHaveCount(0);
		await page.screenshot({ path: info.outputPath('supervisor-tickets-unit-1024x768.png') });
		await page.getByTestId('filter-department-clear').tap();
		await expect(page).not.toHaveURL(/department=/);
	});

	test('queue: offline agents hidden by default, the toggle says how many', async ({
		page
	}, info) => {
		await signIn(page, server, 'supervisor');
		await page.goto(`${server.url}/supervisor?queue=general`);
		const rows = page.getByTestId('agent-rows');
		await expect(rows.locator('[data-testid^="agent-G"]')).toHaveCount(12);
		await expect(page.getByTestId('agent-G041')).toHaveCount(0);
		const toggle = page.getByTestId('offline-toggle');
		await expect(toggle).toContainText('30');
		await page.screenshot({ path: info.outputPath('supervisor-queue-online-1024x768.png') });
		await toggle.tap();
		await expect(page).toHaveURL(/offline/);
		await expect(rows.locator('[data-testid^="agent-G"]')).toHaveCount(42);
		await expect(page.getByTestId('agent-G041')).toBeVisible();
		await page.getByTestId('offline-toggle').tap();
		await expect(rows.locator('[data-testid^="agent-G"]')).toHaveCount(12);
	});
});
