/**
 * Signing in from tests. A server started with `ADMIN_PASSWORD: TEST_ADMIN_PASSWORD` has an admin
 * account `admin`; `authHeaders` and `signIn` create (once per server) and sign in a user of the
 * role asked for, through the same HTTP endpoints and forms a person uses.
 */
import type { Page } from '@playwright/test';
import { parse } from 'devalue';
/** Any running server: spawned (helpers/server.ts) or in-process (helpers/app.ts). */
type ServerHandle = { readonly url: string };

export const TEST_ADMIN_PASSWORD = 'test-admin-password-0123';
export const TEST_USER_PASSWORD = 'test-user-password-0123';
export type TestRole = 'admin' | 'manager' | 'supervisor';

const sessions = new WeakMap<ServerHandle, Map<TestRole, string>>();

/** `hw_session=…` from a sign-in; throws with the server's answer when it fails. */
export async function signInCookie(
	server: ServerHandle,
	username: string,
	password: string
): Promise<string> {
	const res = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({ username, password })
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.startsWith('hw_session='));
	if (res.status !== 303 || !cookie) {
		throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
	}
	return cookie;
}

/**
 * Runs a SvelteKit form action as a signed-in user and returns its data (devalue-decoded);
 * throws on a failure unless `allowFailure`.
 */
export async function formAction<T = Record<string, unknown>>(
	server: ServerHandle,
	cookie: string,
	path: string,
	fields: Record<string, string>,
	opts: { allowFailure?: boolean } = {}
): Promise<{ type: string; status: number; data: T }> {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			cookie,
			origin: server.url,
			'x-sveltekit-action': 'true',
			accept: 'application/json',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	const text = await res.text();
	let body: { type: string; status: number; data?: string };
	try {
		body = JSON.parse(text) as typeof body;
	} catch {
		throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
	}
	const data = (body.data ? parse(body.data) : {}) as T;
	if (body.type !== 'success' && !opts.allowFailure) {
		throw new Error(`${path}: ${body.type} ${body.status} ${JSON.stringify(data)}`);
	}
	return { type: body.type, status: body.status ?? res.status, data };
}

async function sessionFor(server: ServerHandle, role: TestRole): Promise<string> {
	let byRole = sessions.get(server);
	if (!byRole) sessions.set(server, (byRole = new Map()));
	const known = byRole.get(role);
	if (known) return known;
	const admin = byRole.get('admin') ?? (await signInCookie(server, 'admin', TEST_ADMIN_PASSWORD));
	byRole.set('admin', admin);
	if (role === 'admin') return admin;
	const username = `test-${role}`;
	const created = await formAction(
		server,
		admin,
		'/admin/users?/create',
		{ username, role, password: TEST_USER_PASSWORD },
		{ allowFailure: true }
	);
	// 409: another instance on the same database created this user already.
	if (created.type !== 'success' && created.status !== 409) {
		throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.data)}`);
	}
	const cookie = await signInCookie(server, username, TEST_USER_PASSWORD);
	byRole.set(role, cookie);
	return cookie;
}

/** Headers (Cookie, Origin) for requests as a signed-in user of `role`. */
export async function authHeaders(
	server: ServerHandle,
	role: TestRole
): Promise<Record<string, string>> {
	return { cookie: await sessionFor(server, role), origin: server.url };
}

/** Signs the Playwright page's browser context in as a user of `role`. */
export async function signIn(page: Page, server: ServerHandle, role: TestRole): Promise<void> {
	const [name, value] = (await sessionFor(server, role)).split('=') as [string, string];
	await page
		.context()
		.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
}

/** Creates a display as admin and enrols it; returns its id, name and `hw_display=…` cookie. */
export async function enrolDisplay(
	server: ServerHandle,
	name = `Test screen ${Math.random().toString(36).slice(2, 7)}`
): Promise<{ id: string; name: string; cookie: string; code: string }> {
	const admin = await sessionFor(server, 'admin');
	const { data } = await formAction<{ issued: { id: string; code: string; link: string } }>(
		server,
		admin,
		'/admin/displays?/create',
		{ name, board: 'hall' }
	);
	const res = await fetch(data.issued.link, {
		redirect: 'manual',
		headers: { accept: 'text/html' }
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.startsWith('hw_display='));
	if (res.status !== 303 || !cookie) throw new Error(`enrolment failed: ${res.status}`);
	return { id: data.issued.id, name, cookie, code: data.issued.code };
}

/** Creates a named ingest source as admin; returns its token and (with signing) secret. */
export async function createSource(
	server: ServerHandle,
	name: string,
	signing: 'off' | 'optional' | 'required' = 'off'
): Promise<{ id: string; token: string; secret: string | null }> {
	const admin = await sessionFor(server, 'admin');
	const { data } = await formAction<{
		shown: { id: string; token: string; secret: string | null };
	}>(server, admin, '/admin/sources?/create', { name, signing });
	return data.shown;
}
