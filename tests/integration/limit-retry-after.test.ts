/**
 * Probe finding h: the sign-in and enrolment limits answer 429 with Retry-After — the plain form
 * post, the enhanced (fetch) form post and the enrolment link alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startApp, type AppHandle } from '../helpers/app';

let server: AppHandle;
beforeAll(async () => {
	server = await startApp({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, LOGIN_RATE_LIMIT: '2' });
}, 90_000);
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

const form = (path: string, body: Record<string, string>, enhanced: boolean) =>
	fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			...(enhanced
				? { 'x-sveltekit-action': 'true', accept: 'application/json' }
				: { accept: 'text/html' })
		},
		body: new URLSearchParams(body)
	});

describe('rate limits answer 429 with Retry-After (finding h)', () => {
	it('on sign-in, plain and enhanced', async () => {
		const wrong = { username: 'nobody', password: 'wrong-password-000' };
		for (let i = 0; i < 2; i++) expect((await form('/login', wrong, true)).status).toBe(200);
		for (const enhanced of [true, false]) {
			const res = await form('/login', wrong, enhanced);
			expect(res.status).toBe(429);
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		}
	});

	it('on enrolment, the form and the link', async () => {
		for (let i = 0; i < 2; i++) await form('/enrol', { code: 'ZZZZ-ZZZZ' }, true);
		const enhanced = await form('/enrol', { code: 'ZZZZ-ZZZZ' }, true);
		expect(enhanced.status).toBe(429);
		expect(Number(enhanced.headers.get('retry-after'))).toBeGreaterThan(0);
		const link = await fetch(`${server.url}/enrol/ZZZZ-ZZZZ`, { redirect: 'manual' });
		expect(link.status).toBe(429);
		expect(Number(link.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
