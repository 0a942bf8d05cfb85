/**
 * A supervisor sees an agent's pause reason and time in pause on /supervisor from Asterisk
 * queue_log input alone (POST /api/v1/adapters/asterisk/queue-log): ADDMEMBER, then PAUSE with
 * the reason 午餐 125 s ago. The agent row and the agent's page show 小休 · 午餐 and the time in
 * pause ticking from 2:05; UNPAUSE takes the reason away. Screenshot at 1024×768.
 */
import { expect, test } from '@playwright/test';
import { signIn, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const AGENT = 'PJSIP/8001';
const QUEUE = 'hotline';

async function postLines(url: string, lines: string[]) {
	const res = await fetch(`${url}/api/v1/adapters/asterisk/queue-log`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TEST_INGEST_TOKEN}`, 'content-type': 'text/plain' },
		body: lines.join('\n')
	});
	expect(res.status).toBe(200);
	const body = (await res.json()) as { accepted: number; rejected: unknown[] };
	expect(body.rejected).toEqual([]);
	return body;
}

let server: ServerHandle;
let pausedAt = 0;
test.beforeAll(async () => {
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
	const now = Math.floor(Date.now() / 1000);
	pausedAt = now - 125;
	const body = await postLines(server.url, [
		`${now - 600}|NONE|${QUEUE}|${AGENT}|ADDMEMBER|`,
		`${now - 590}|NONE|${QUEUE}|PJSIP/8002|ADDMEMBER|`,
		`${pausedAt}|NONE|${QUEUE}|${AGENT}|PAUSE|午餐`
	]);
	expect(body.accepted).toBe(3);
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

test('the pause reason and the time in pause, from queue_log lines', async ({ page }, info) => {
	await signIn(page, server, 'supervisor');
	await page.goto(`${server.url}/supervisor?queue=${QUEUE}`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');

	const row = page.getByTestId(`agent-${AGENT}`);
	await expect(row.locator('.state')).toHaveText('小休');
	await expect(row.getByTestId('agent-reason')).toHaveText('午餐');
	// The other member is available and has no reason.
	await expect(page.getByTestId('agent-PJSIP/8002').getByTestId('agent-reason')).toHaveCount(0);
	// Time in pause since the PAUSE line (2:05 when posted; the page loaded a few seconds later).
	const elapsed = () => Math.floor(Date.now() / 1000) - pausedAt;
	const seconds = (text: string | null) => {
		const [m, s] = (text ?? '').split(':').map(Number);
		return m! * 60 + s!;
	};
	const shown = seconds(await row.getByTestId('agent-time').textContent());
	expect(shown).toBeGreaterThanOrEqual(125);
	expect(shown).toBeLessThanOrEqual(elapsed() + 1);
	await page.screenshot({ path: info.outputPath('pause-reason-queue-1024x768.png') });

	// The agent's page: reason and time in pause, ticking.
	await row.tap();
	await expect(page).toHaveURL(/\?agent=PJSIP%2F8001|\?agent=PJSIP\/8001/);
	await expect(page.getByTestId('agent-state')).toHaveText('小休');
	await expect(page.getByTestId('agent-pause-reason')).toHaveText('午餐');
	await expect(page.getByTestId('agent-in-state-label')).toHaveText('小休时长');
	const inPause = page.getByTestId('agent-in-state');
	const before = await inPause.textContent();
	expect(seconds(before)).toBeGreaterThanOrEqual(125);
	await expect(inPause).not.toHaveText(before ?? '', { timeout: 3000 });
	await page.screenshot({ path: info.outputPath('pause-reason-agent-1024x768.png') });

	// UNPAUSE: available, no reason, time in state from the UNPAUSE line.
	await postLines(server.url, [`${Math.floor(Date.now() / 1000)}|NONE|${QUEUE}|${AGENT}|UNPAUSE|`]);
	await expect(page.getByTestId('agent-state')).not.toHaveText('小休');
	await expect(page.getByTestId('agent-pause-reason')).toHaveCount(0);
	await expect(page.getByTestId('agent-in-state-label')).toHaveText('本状态时长');
	expect(seconds(await inPause.textContent())).toBeLessThan(10);
});
