/**
 * A wall left open across a deploy moves onto the new build by itself: build A (the usual
 * `build/`) serves /wall; it stops; build B (one extra `vite build` into its own folder) starts on
 * the same port and data folder; the page reloads within a minute, keeping its query string, and
 * reports B in <html data-build>.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Inside the repository, so that the build's server finds node_modules (gitignored). */
const BUILD_B = path.join(ROOT, 'tests/artifacts/deploy-b');
const VERSION_B = `e2e-b-${Date.now()}`;

const versionOf = (dir: string) =>
	(
		JSON.parse(readFileSync(path.join(dir, 'client/_app/version.json'), 'utf8')) as {
			version: string;
		}
	).version;

function viteBuild(env: Record<string, string>): Promise<void> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
		proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
		proc.once('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}:\n${out}`))
		);
	});
}

let dataDir: string;
let server: ServerHandle | undefined;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	await viteBuild({ HW_BUILD_DIR: BUILD_B, HW_BUILD_VERSION: VERSION_B });
	dataDir = mkdtempSync(path.join(tmpdir(), 'hw-deploy-'));
});

test.afterAll(async () => {
	await server?.stop();
	if (dataDir) removeDir(dataDir);
	removeDir(BUILD_B);
});

test('a wall open across a deploy reloads onto the new build, keeping its URL', async ({
	page
}) => {
	test.setTimeout(150_000);
	const versionA = versionOf(path.join(ROOT, 'build'));
	expect(versionOf(BUILD_B)).toBe(VERSION_B);
	expect(versionA).not.toBe(VERSION_B);

	server = await startServer({}, { dataDir });
	const { port } = server;
	const url = `${server.url}/wall?lang=en&kiosk=1`;
	await page.goto(url);
	await expect(page.getByTestId('connection')).toHaveText(/Live/);
	await expect(page.locator('html')).toHaveAttribute('data-build', versionA);
	const loads: string[] = [];
	page.on('load', () => loads.push(page.url()));

	await server.stop();
	server = await startServer({ PORT: String(port), HW_BUILD_DIR: BUILD_B }, { dataDir });
	const deployedAt = Date.now();

	// Nobody touches the page: SvelteKit's version poll (every 30 s) finds B and the page reloads.
	await expect(page.locator('html')).toHaveAttribute('data-build', VERSION_B, { timeout: 60_000 });
	expect(Date.now() - deployedAt).toBeLessThan(60_000);
	expect(page.url()).toBe(url);
	expect(loads).toEqual([url]); // one reload, no loop
	await expect(page.getByTestId('connection')).toHaveText(/Live/);
	// And it stays: no further reload while B serves.
	await page.waitForTimeout(2000);
	expect(loads).toEqual([url]);
});
