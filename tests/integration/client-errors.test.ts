/**
 * Probe finding g: client errors answered as server errors. A NUL in a query parameter or a path
 * segment, and a date the server cannot compute with, are the client's: 400 naming the
 * parameter, not 500 or a false 503 "database unavailable".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startApp, type AppHandle } from '../helpers/app';

let server: AppHandle;
let headers: Record<string, string>;
beforeAll(async () => {
	server = await startApp({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
	headers = await authHeaders(server, 'manager');
}, 90_000);
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

const get = async (path: string) => {
	const res = await fetch(`${server.url}${path}`, { headers });
	return { status: res.status, body: (await res.json()) as { message: string } };
};

describe('client errors are 400 (finding g)', () => {
	it.each([
		['/api/v1/history/daily?from=2026-03-01&to=2026-03-02&queue=%00', /^queue: /],
		['/api/v1/history/daily?from=9999-12-30&to=9999-12-31', /^from: .*; to: /],
		['/api/v1/history/daily?from=0001-01-01&to=0001-01-02', /^from: /],
		['/api/v1/tickets/%00', /^ticketId: /],
		['/api/v1/tickets/a%00b', /^ticketId: /]
	])('%s → 400 %s', async (path, message) => {
		const r = await get(path);
		expect(r.status).toBe(400);
		expect(r.body.message).toMatch(message);
	});

	it('still answers a real range and a missing ticket', async () => {
		expect((await get('/api/v1/history/daily?from=2026-03-01&to=2026-03-02')).status).toBe(200);
		expect((await get('/api/v1/tickets/NOPE')).status).toBe(404);
	});
});
