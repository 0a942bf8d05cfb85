/**
 * Who may see and send what, against the real built server: every role × every route, endpoint
 * and socket event (each cell asserted), cross-site sockets and forms, display enrolment and
 * revocation, sign-out cutting sockets, named sources and signed requests.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_POLICY, SOCKET_POLICY } from '../../src/lib/server/auth/policy';
import { sign } from '../../src/lib/server/auth/webhook-signature';
import {
	TEST_ADMIN_PASSWORD,
	TEST_USER_PASSWORD,
	authHeaders,
	createSource,
	enrolDisplay,
	formAction,
	signInCookie
} from '../helpers/auth';
import { startApp, type AppHandle } from '../helpers/app';
import { startServer, TEST_INGEST_TOKEN, type ServerHandle } from '../helpers/server';

const READ_TOKEN = 'test-read-token-0123456789';
type Who = 'anonymous' | 'admin' | 'manager' | 'supervisor' | 'display' | 'reader';
const EVERYONE: Who[] = ['anonymous', 'admin', 'manager', 'supervisor', 'display', 'reader'];
const SIGNED_IN: Who[] = ['admin', 'manager', 'supervisor', 'display', 'reader'];
const PEOPLE: Who[] = ['admin', 'manager', 'supervisor'];
const MANAGEMENT: Who[] = ['admin', 'manager'];
const ADMIN: Who[] = ['admin'];

/**
 * The expected table, written out by hand: who gets past the gate for each route and method.
 * `source` routes admit nobody on these credentials (they need a source token or signature).
 */
const EXPECTED: Record<string, Who[]> = {
	'GET /': SIGNED_IN,
	'GET /wall': SIGNED_IN,
	'GET /login': EVERYONE,
	'POST /login': EVERYONE,
	'POST /logout': PEOPLE,
	'GET /account': PEOPLE,
	'POST /account': PEOPLE,
	'GET /enrol': EVERYONE,
	'POST /enrol': EVERYONE,
	'GET /enrol/[code]': EVERYONE,
	'GET /admin': ADMIN,
	'GET /admin/users': ADMIN,
	'POST /admin/users': ADMIN,
	'GET /admin/displays': ADMIN,
	'POST /admin/displays': ADMIN,
	'GET /admin/sources': ADMIN,
	'POST /admin/sources': ADMIN,
	'GET /admin/boards': MANAGEMENT,
	'GET /admin/boards/[id]': MANAGEMENT,
	'GET /admin/boards/playlists/[id]': MANAGEMENT,
	'GET /admin/thresholds': ADMIN,
	'POST /admin/thresholds': ADMIN,
	'GET /admin/audit': ADMIN,
	'GET /admin/audit/export.csv': ADMIN,
	'GET /supervisor': PEOPLE,
	'GET /manager': MANAGEMENT,
	'POST /api/v1/events': [],
	'POST /api/v1/adapters/asterisk/queue-log': [],
	'GET /api/v1/snapshot': SIGNED_IN,
	'GET /api/v1/thresholds': SIGNED_IN,
	'PUT /api/v1/thresholds': MANAGEMENT,
	'GET /api/v1/alerts': SIGNED_IN,
	'GET /api/v1/geo/districts': SIGNED_IN,
	'POST /api/v1/alerts/[id]/ack': PEOPLE,
	'GET /api/v1/tickets/[ticketId]': PEOPLE,
	'POST /api/v1/tickets/[ticketId]/urge': PEOPLE,
	'GET /api/v1/history/summary': MANAGEMENT,
	'GET /api/v1/history/intraday': MANAGEMENT,
	'GET /api/v1/history/daily': MANAGEMENT,
	'GET /api/v1/history/export.csv': MANAGEMENT,
	'GET /api/v1/history/export.xlsx': MANAGEMENT,
	'GET /api/v1/targets': SIGNED_IN,
	'GET /api/v1/openapi.json': EVERYONE,
	'GET /api/v1/history/assessment': MANAGEMENT,
	'GET /api/v1/history/assessment.csv': MANAGEMENT,
	'GET /api/v1/history/topic-trend': MANAGEMENT,
	'GET /api/v1/assessment-weights': MANAGEMENT,
	'PUT /api/v1/assessment-weights': ADMIN,
	'GET /api/v1/boards': SIGNED_IN,
	'GET /api/v1/boards/[id]': SIGNED_IN,
	'PUT /api/v1/boards/[id]': MANAGEMENT,
	'DELETE /api/v1/boards/[id]': MANAGEMENT,
	'GET /api/v1/playlists': SIGNED_IN,
	'GET /api/v1/playlists/[id]': SIGNED_IN,
	'PUT /api/v1/playlists/[id]': MANAGEMENT,
	'DELETE /api/v1/playlists/[id]': MANAGEMENT,
	'GET /healthz': EVERYONE,
	'GET /readyz': EVERYONE,
	'GET /metrics': ['admin', 'reader']
};

const EXPECTED_SOCKET: Record<string, Who[]> = {
	resync: SIGNED_IN,
	watch: PEOPLE,
	unwatch: PEOPLE,
	'alert.ack': PEOPLE,
	'screen.showing': ['display'],
	'no.such.event': []
};

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../src/routes');
const routeExists = (id: string) =>
	['+page.svelte', '+server.ts', '+page.server.ts'].some((f) =>
		existsSync(path.join(ROUTES_DIR, id, f))
	);

/** A concrete URL for a route id; POSTs to pages with named actions name one. */
function urlFor(method: string, id: string): string {
	const concrete = id
		.replace('[code]', 'NOPE2345')
		.replace('[id]', 'no-such-alert')
		.replace('[ticketId]', 'T-none');
	const action = method === 'POST' && id.startsWith('/admin/') ? '?/create' : '';
	const query = id.startsWith('/api/v1/history/')
		? '?from=2026-01-01&to=2026-01-07&day=2026-01-01'
		: '';
	return concrete + action + query;
}

let server: AppHandle;
const creds = {} as Record<Who, Record<string, string>>;

/** Fresh credentials for a role (for requests that end a session). */
async function freshCreds(who: Who): Promise<Record<string, string>> {
	if (who === 'admin' || who === 'manager' || who === 'supervisor') {
		const cookie = await signInCookie(
			server,
			who === 'admin' ? 'admin' : `test-${who}`,
			who === 'admin' ? TEST_ADMIN_PASSWORD : TEST_USER_PASSWORD
		);
		return { cookie };
	}
	return creds[who];
}

beforeAll(async () => {
	server = await startApp({
		ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
		READ_TOKEN,
		LOGIN_RATE_LIMIT: '1000'
	});
	creds.anonymous = {};
	creds.reader = { authorization: `Bearer ${READ_TOKEN}` };
	for (const role of ['admin', 'manager', 'supervisor'] as const) {
		creds[role] = { cookie: (await authHeaders(server, role)).cookie! };
	}
	creds.display = { cookie: (await enrolDisplay(server, 'Matrix screen')).cookie };
});
afterAll(async () => {
	await server?.stop();
});

describe('the access table', () => {
	it('lists exactly the routes the policy lists', () => {
		const policyCells = Object.entries(ROUTE_POLICY).flatMap(([id, methods]) =>
			Object.keys(methods).map((m) => `${m} ${id}`)
		);
		expect(policyCells.sort()).toEqual(Object.keys(EXPECTED).sort());
		expect(Object.keys(SOCKET_POLICY).sort()).toEqual(
			Object.keys(EXPECTED_SOCKET)
				.filter((e) => e !== 'no.such.event')
				.sort()
		);
	});

	const cells = Object.entries(EXPECTED).flatMap(([key, allowed]) =>
		EVERYONE.map((who) => ({ key, who, allowed: allowed.includes(who) }))
	);

	it.each(cells)('$key as $who → allowed: $allowed', async ({ key, who, allowed }) => {
		const [method, id] = key.split(' ') as [string, string];
		if (!routeExists(id)) return; // listed ahead of its route (the test of the policy file fails for the reverse)
		const page =
			!id.startsWith('/api/') && id !== '/healthz' && id !== '/readyz' && id !== '/metrics';
		const headers: Record<string, string> = {
			origin: server.url,
			accept: page ? 'text/html' : 'application/json',
			...(key === 'POST /logout' ? await freshCreds(who) : creds[who])
		};
		let body: string | undefined;
		if (method === 'POST' || method === 'PUT') {
			if (page) {
				headers['content-type'] = 'application/x-www-form-urlencoded';
				body = '';
			} else {
				headers['content-type'] = 'application/json';
				body = method === 'PUT' ? '{}' : '[]';
			}
		}
		const res = await fetch(server.url + urlFor(method, id), {
			method,
			headers,
			body,
			redirect: 'manual'
		});
		const location = res.headers.get('location') ?? '';
		const refused =
			res.status === 401 ||
			res.status === 403 ||
			(res.status === 303 && location.startsWith('/login') && key !== 'POST /logout') ||
			(res.status === 303 &&
				location === '/wall' &&
				who === 'display' &&
				key !== 'GET /enrol/[code]');
		expect({ status: res.status, location, refused }).toMatchObject({ refused: !allowed });
		if (!allowed && !page) expect([401, 403]).toContain(res.status);
		if (!allowed && who === 'anonymous' && page && method === 'GET') {
			expect(res.status).toBe(303);
			expect(location).toBe(`/login?next=${encodeURIComponent(urlFor(method, id))}`);
		}
		if (allowed && method === 'GET' && page) expect(res.status).toBe(200);
	});

	const socketCells = Object.entries(EXPECTED_SOCKET).flatMap(([event, allowed]) =>
		EVERYONE.map((who) => ({ event, who, allowed: allowed.includes(who) }))
	);

	it.each(socketCells)(
		'socket event $event as $who → allowed: $allowed',
		async ({ event, who, allowed }) => {
			const c = creds[who];
			const socket = io(server.url, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				auth: c.authorization ? { token: READ_TOKEN } : {},
				extraHeaders: c.cookie ? { cookie: c.cookie } : {}
			});
			try {
				const connected = await new Promise<boolean>((resolve) => {
					socket.once('snapshot', () => resolve(true));
					socket.once('connect_error', () => resolve(false));
				});
				if (who === 'anonymous') {
					// With accounts, an anonymous socket is refused at the handshake.
					expect(connected).toBe(false);
					return;
				}
				expect(connected).toBe(true);
				const cut = new Promise<boolean>((resolve) => {
					socket.once('disconnect', (reason) => resolve(reason === 'io server disconnect'));
					setTimeout(() => resolve(false), 600);
				});
				const dynamic = socket as unknown as { emit(e: string, ...a: unknown[]): void };
				dynamic.emit(event, { kind: 'queue', queue: 'general', id: 'x' });
				expect(await cut).toBe(!allowed);
			} finally {
				socket.close();
			}
		}
	);
});

/** A raw WebSocket upgrade request; resolves to the status line's code (101 = accepted). */
function upgradeStatus(url: string, origin: string | null): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(`${url}/socket.io/?EIO=4&transport=websocket`, {
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
				'Sec-WebSocket-Version': '13',
				...(origin ? { Origin: origin } : {})
			}
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			resolve(101);
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
		req.end();
	});
}

describe('cross-site requests', () => {
	it('refuses a WebSocket from another site with 403; the own origin and non-browsers get through', async () => {
		expect(await upgradeStatus(server.url, 'http://evil.example')).toBe(403);
		expect(await upgradeStatus(server.url, server.url)).toBe(101);
		expect(await upgradeStatus(server.url, null)).toBe(101);
		const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
			headers: { origin: 'http://evil.example' }
		});
		expect(polling.status).toBe(403);
	});

	it('refuses a cross-site form post that carries a session cookie', async () => {
		const res = await fetch(`${server.url}/admin/users?/create`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				...creds.admin,
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ username: 'mallory', role: 'admin', password: 'x'.repeat(20) })
		});
		expect(res.status).toBe(403);
		const list = await fetch(`${server.url}/admin/users`, {
			headers: { ...creds.admin, accept: 'text/html' }
		});
		expect(await list.text()).not.toContain('mallory');
	});

	it('sets the security headers and a CSP with a nonce on pages', async () => {
		const res = await fetch(`${server.url}/login`, { headers: { accept: 'text/html' } });
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
	});
});

describe('sessions and displays on sockets', () => {
	const connect = (cookie: string) =>
		new Promise<{ socket: ReturnType<typeof io>; ok: boolean; error?: string }>((resolve) => {
			const socket = io(server.url, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				extraHeaders: { cookie }
			});
			socket.once('snapshot', () => resolve({ socket, ok: true }));
			socket.once('connect_error', (err) => resolve({ socket, ok: false, error: err.message }));
		});

	it('enrols a screen with a typed code, once; the code cannot be reused', async () => {
		const admin = creds.admin.cookie!;
		const { data } = await formAction<{ issued: { code: string } }>(
			server,
			admin,
			'/admin/displays?/create',
			{ name: 'Typed code screen', board: 'hall' }
		);
		const typed = data.issued.code.toLowerCase(); // "abcd-efgh" typed on a remote
		const post = (code: string) =>
			fetch(`${server.url}/enrol`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: server.url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ code })
			});
		const first = await post(typed);
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe('/wall');
		const cookie = first.headers.getSetCookie().find((c) => c.startsWith('hw_display='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect((await post(typed)).status).toBe(400);
		const wall = await fetch(`${server.url}/wall`, {
			headers: { cookie: cookie.split(';')[0]!, accept: 'text/html' },
			redirect: 'manual'
		});
		expect(wall.status).toBe(200);
	});

	it('a revoked display is cut off within 5 s and cannot come back', async () => {
		const screen = await enrolDisplay(server, 'Screen to revoke');
		const { socket, ok } = await connect(screen.cookie);
		expect(ok).toBe(true);
		const cut = new Promise<number>((resolve) =>
			socket.once('disconnect', () => resolve(performance.now()))
		);
		const admin = creds.admin.cookie!;
		const started = performance.now();
		await formAction(server, admin, '/admin/displays?/revoke', { id: screen.id });
		const at = await Promise.race([cut, new Promise<number>((r) => setTimeout(() => r(-1), 6000))]);
		expect(at).toBeGreaterThan(0);
		expect(at - started).toBeLessThan(5000);
		socket.close();
		const again = await connect(screen.cookie);
		expect(again.ok).toBe(false);
		again.socket.close();
		const wall = await fetch(`${server.url}/wall`, {
			headers: { cookie: screen.cookie, accept: 'text/html' },
			redirect: 'manual'
		});
		// A browser that was a screen gets the screen's own notice (how to re-enrol), not staff sign-in.
		expect(wall.status).toBe(303);
		expect(wall.headers.get('location')).toBe('/enrol?next=%2Fwall');
	});

	it('signing out cuts that session’s sockets and the cookie stops working', async () => {
		const cookie = await signInCookie(server, 'test-supervisor', TEST_USER_PASSWORD);
		const { socket, ok } = await connect(cookie);
		expect(ok).toBe(true);
		const cut = new Promise<boolean>((resolve) => {
			socket.once('disconnect', () => resolve(true));
			setTimeout(() => resolve(false), 5500);
		});
		const out = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: server.url }
		});
		expect(out.status).toBe(303);
		expect(await cut).toBe(true);
		const snapshot = await fetch(`${server.url}/api/v1/snapshot`, { headers: { cookie } });
		expect(snapshot.status).toBe(401);
	});
});

describe('ingest credentials', () => {
	const event = (id: string | undefined, agent = 'A1') => ({
		...(id ? { id } : {}),
		type: 'agent.state',
		at: Date.now(),
		agentId: agent,
		state: 'available'
	});
	const post = (headers: Record<string, string>, body: string) =>
		fetch(`${server.url}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body
		});

	it('takes the bootstrap INGEST_TOKEN and named source tokens; a revoked token stops at once', async () => {
		expect((await post({ authorization: `Bearer ${TEST_INGEST_TOKEN}` }, '[]')).status).toBe(200);
		const src = await createSource(server, 'telephony-a');
		const ok = await post(
			{ authorization: `Bearer ${src.token}` },
			JSON.stringify([event('src-1')])
		);
		expect(ok.status).toBe(200);
		expect(((await ok.json()) as { accepted: number }).accepted).toBe(1);
		// A person's session is not a source credential.
		expect((await post({ cookie: creds.admin.cookie!, origin: server.url }, '[]')).status).toBe(
			401
		);
		const page = await (
			await fetch(`${server.url}/admin/sources`, {
				headers: { cookie: creds.admin.cookie!, accept: 'text/html' }
			})
		).text();
		expect(page).toContain('telephony-a');
		await formAction(server, creds.admin.cookie!, '/admin/sources?/revoke', {
			id: src.id,
			name: 'telephony-a'
		});
		await new Promise((r) => setTimeout(r, 2100)); // past the source lookup cache (2 s)
		expect((await post({ authorization: `Bearer ${src.token}` }, '[]')).status).toBe(401);
	});

	it('checks Standard Webhooks signatures: valid, tampered, expired, replayed, rotated', async () => {
		const src = await createSource(server, 'ticketing-b', 'required');
		const secret = src.secret!;
		const signed = (
			body: string,
			id: string,
			seconds = Math.floor(Date.now() / 1000),
			key = secret
		) => ({
			'webhook-id': id,
			'webhook-timestamp': String(seconds),
			'webhook-signature': sign(key, id, seconds, body)
		});
		const body = JSON.stringify([event(undefined, 'B1')]);
		// Valid, with the signature alone identifying the source; the id becomes the event id.
		const valid = await post(signed(body, 'msg_valid_1'), body);
		expect(valid.status).toBe(200);
		expect(await valid.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
		// Replayed as captured: the id is the dedup key, nothing changes.
		const replay = await post(signed(body, 'msg_valid_1'), body);
		expect(await replay.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
		// Tampered body.
		const headers = signed(body, 'msg_t');
		expect((await post(headers, body.replace('B1', 'B2'))).status).toBe(401);
		// Six minutes old.
		const stale = await post(signed(body, 'msg_old', Math.floor(Date.now() / 1000) - 360), body);
		expect(stale.status).toBe(401);
		expect(((await stale.json()) as { message: string }).message).toMatch(/5 minutes/);
		// The token alone is not enough for a source that requires signatures.
		expect((await post({ authorization: `Bearer ${src.token}` }, body)).status).toBe(401);
		// Rotation: both secrets work until the old one is dropped.
		const id = src.id;
		const rotated = await formAction<{ shown: { secret: string } }>(
			server,
			creds.admin.cookie!,
			'/admin/sources?/rotate',
			{ id, name: 'ticketing-b' }
		);
		const next = rotated.data.shown.secret;
		const b2 = JSON.stringify([event('rot-1', 'B3')]);
		expect((await post(signed(b2, 'msg_old_secret'), b2)).status).toBe(200);
		expect((await post(signed(b2, 'msg_new_secret', undefined, next), b2)).status).toBe(200);
		await formAction(server, creds.admin.cookie!, '/admin/sources?/dropOld', {
			id,
			name: 'ticketing-b'
		});
		const b3 = JSON.stringify([event('rot-2', 'B4')]);
		expect((await post(signed(b3, 'msg_after_drop'), b3)).status).toBe(401);
		expect((await post(signed(b3, 'msg_after_drop_new', undefined, next), b3)).status).toBe(200);
	});
});

describe('rate limits on the real server', () => {
	let small: ServerHandle;
	beforeAll(async () => {
		small = await startServer({
			ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
			LOGIN_RATE_LIMIT: '3',
			INGEST_RATE_LIMIT: '2'
		});
	});
	afterAll(async () => {
		await small?.stop();
	});

	it('answers 429 with the wait after too many sign-in attempts from one address', async () => {
		const attempt = () =>
			fetch(`${small.url}/login`, {
				method: 'POST',
				headers: {
					origin: small.url,
					'x-sveltekit-action': 'true',
					accept: 'application/json',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ username: 'admin', password: 'wrong password 1' })
			}).then(async (r) => (await r.json()) as { status: number });
		const answers = [await attempt(), await attempt(), await attempt(), await attempt()];
		expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 429]);
	});

	it('answers 429 with Retry-After when a source sends too fast', async () => {
		const send = () =>
			fetch(`${small.url}/api/v1/events`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${TEST_INGEST_TOKEN}`,
					'content-type': 'application/json'
				},
				body: '[]'
			});
		const responses = await Promise.all([send(), send(), send(), send()]);
		const limited = responses.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThanOrEqual(2);
		expect(limited[0]!.headers.get('retry-after')).toBe('1');
		expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(2);
	});
});

describe('body limits', () => {
	it('refuses a large body on a form or JSON endpoint with 413, before reading it', async () => {
		const big = 'x'.repeat(300 * 1024);
		const login = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: `username=${big}`
		});
		expect(login.status).toBe(413);
		const ack = await fetch(`${server.url}/api/v1/thresholds`, {
			method: 'PUT',
			headers: { ...creds.manager, origin: server.url, 'content-type': 'application/json' },
			body: JSON.stringify({ pad: big })
		});
		expect(ack.status).toBe(413);
	});
});
