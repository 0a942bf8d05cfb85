/**
 * What a person types before the page's JavaScript has run is kept when it does: a slow TV's
 * remote or a tablet on a busy network lets them type into the server-rendered form first.
 * `value={…}` on these inputs made hydration reset them (CI saw an empty enrolment code and an
 * empty user name); `defaultValue` keeps what was typed. The page's scripts are held back here
 * until after the typing.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	formAction,
	signIn,
	signInCookie,
	TEST_ADMIN_PASSWORD,
	TEST_USER_PASSWORD
} from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;
test.beforeAll(async () => {
	server = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
});
test.afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

/** Opens `path` with the app's scripts held until `release()`; resolves once they have run. */
async function openWithScriptsHeld(page: Page, path: string) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let heldCount = 0;
	await page.route('**/_app/immutable/**', async (route) => {
		heldCount++;
		await held;
		await route.continue();
	});
	await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
	await page.locator('form').first().waitFor();
	return {
		async hydrate() {
			release();
			await page.waitForLoadState('networkidle');
			await page.waitForTimeout(500); // the scripts loaded have run: hydration is done
			expect(heldCount, 'the page loaded scripts that were held').toBeGreaterThan(0);
		}
	};
}

test('a user name typed before hydration stays on /login', async ({ page }) => {
	const opened = await openWithScriptsHeld(page, '/login');
	await page.getByLabel('用户名').fill('supervisor-1');
	await opened.hydrate();
	await expect(page.getByLabel('用户名')).toHaveValue('supervisor-1');
});

test('an enrolment code typed before hydration stays on /enrol', async ({ page }) => {
	const opened = await openWithScriptsHeld(page, '/enrol');
	await page.getByLabel('注册码').fill('K7QM-4XPT');
	await opened.hydrate();
	await expect(page.getByLabel('注册码')).toHaveValue('K7QM-4XPT');
});

test('a role chosen before hydration stays chosen on /admin/users', async ({ page }) => {
	const admin = await signInCookie(server, 'admin', TEST_ADMIN_PASSWORD);
	await formAction(server, admin, '/admin/users?/create', {
		username: 'qian',
		role: 'supervisor',
		password: TEST_USER_PASSWORD
	});
	await signIn(page, server, 'admin');
	const opened = await openWithScriptsHeld(page, '/admin/users');
	const select = page.getByLabel('qian 的角色');
	await select.selectOption('manager');
	await opened.hydrate();
	await expect(select).toHaveValue('manager');
});
