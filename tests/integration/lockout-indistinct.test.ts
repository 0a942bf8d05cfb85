/**
 * Probe finding i: a locked account is answered exactly like a wrong password or an unknown
 * name — same status, same body — so the lockout cannot tell which names exist; and the lockout
 * is per (username, client address), so failing on purpose from one address does not lock the
 * admin out at another. Addresses come from `x-real-ip` (ADDRESS_HEADER, as behind a proxy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let server: ServerHandle;
beforeAll(async () => {
	server = await startServer({
		ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
		LOGIN_RATE_LIMIT: '100',
		ADDRESS_HEADER: 'x-real-ip'
	});
}, 90_000);
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

const signIn = async (username: string, password: string, address = '198.51.100.7') => {
	const res = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			'x-real-ip': address,
			accept: 'application/json'
		},
		body: new URLSearchParams({ username, password })
	});
	const body = (await res.json()) as { type: string; status: number; data?: string };
	return { status: res.status, body: { ...body, data: body.data?.replace(username, '<name>') } };
};

describe('a locked account looks like a wrong password (finding i)', () => {
	it('answers the same for a locked name, a wrong password and an unknown name', async () => {
		for (let i = 0; i < 5; i++) await signIn('admin', 'wrong-password-000');
		const locked = await signIn('admin', 'wrong-password-000');
		const lockedRight = await signIn('admin', TEST_ADMIN_PASSWORD);
		const unknown = await signIn('no-such-user', 'wrong-password-000');
		expect(unknown.body.status).toBe(400);
		expect(locked).toEqual(unknown);
		expect(lockedRight).toEqual(unknown);
	});

	it('does not lock the admin out at another address', async () => {
		for (let i = 0; i < 6; i++) await signIn('admin', 'wrong-password-000', '203.0.113.9');
		expect((await signIn('admin', TEST_ADMIN_PASSWORD, '203.0.113.9')).body.type).toBe('failure');
		const elsewhere = await signIn('admin', TEST_ADMIN_PASSWORD, '192.0.2.44');
		expect(elsewhere.body.type).toBe('redirect');
	});
});
