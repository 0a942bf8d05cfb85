/**
 * The admin's tools end to end on the real server (in-process, PGlite): the thresholds editor's
 * form action and the API record who changed which band in the audit log (page and CSV); role
 * changes; disabling ends the user's sessions at once and enabling lets them back; the last
 * active admin cannot be demoted, disabled or deleted, also when two admins demote each other at
 * the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, removeDir, type AppHandle } from '../helpers/app';
import {
	authHeaders,
	formAction,
	signInCookie,
	TEST_ADMIN_PASSWORD,
	TEST_USER_PASSWORD
} from '../helpers/auth';
import { DEFAULT_THRESHOLDS } from '../../src/lib/metrics/thresholds';

let server: AppHandle;
let admin: string;

beforeAll(async () => {
	server = await startApp({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
	admin = await signInCookie(server, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(async () => {
	await server?.stop();
	if (server) removeDir(server.dataDir);
});

/** The editor's fields for the defaults, with `overrides` typed over them. */
function editorFields(overrides: Record<string, string> = {}): Record<string, string> {
	const f: Record<string, string> = {
		'm.serviceLevelToday.good': '90',
		'm.serviceLevelToday.warn': '80',
		'm.answerRate24h.good': '95',
		'm.answerRate24h.warn': '90',
		'm.longestWaitSeconds.good': '15',
		'm.longestWaitSeconds.warn': '60',
		'm.overdueEmergency.good': '0',
		'm.overdueEmergency.warn': '0',
		'm.overdueLivelihood.good': '0',
		'm.overdueLivelihood.warn': '3',
		'm.overdueGeneral.good': '0',
		'm.overdueGeneral.warn': '10',
		'm.staffingGap.good': '0',
		'm.staffingGap.warn': '2',
		'm.longCallSeconds.good': '900',
		'm.longCallSeconds.warn': '1200',
		'm.longWrapupSeconds.good': '120',
		'm.longWrapupSeconds.warn': '180',
		'm.longBreakSeconds.good': '1200',
		'm.longBreakSeconds.warn': '1800'
	};
	return { ...f, ...overrides };
}

const get = (path: string, cookie: string) =>
	fetch(`${server.url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });

const userId = async (username: string) => {
	const u = (await server.app.accounts.listUsers()).find((x) => x.username === username);
	if (!u) throw new Error(`no user ${username}`);
	return u.id;
};

describe('thresholds editor and the audit log', () => {
	it('a change saved in the editor is in force, pushed, and in the audit log with who and what', async () => {
		const saved = await formAction(
			server,
			admin,
			'/admin/thresholds?/save',
			editorFields({
				'm.serviceLevelToday.good': '85',
				'm.longestWaitSeconds.warn': '45',
				'q.0.name': '老年人',
				'q.0.longestWaitSeconds.good': '10',
				'q.0.longestWaitSeconds.warn': '30'
			})
		);
		expect(saved.data).toStrictEqual({ saved: true });
		const now = server.app.thresholds.current();
		expect(now.metrics.serviceLevelToday).toStrictEqual({ good: 0.85, warn: 0.8 });
		expect(now.metrics.longestWaitSeconds).toStrictEqual({ good: 15, warn: 45 });
		expect(now.byQueue).toStrictEqual({ 老年人: { longestWaitSeconds: { good: 10, warn: 30 } } });

		const [entry] = await server.app.audit.list({ area: 'thresholds' });
		expect(entry).toMatchObject({
			actor: 'admin',
			actorKind: 'user',
			action: 'thresholds.set',
			target: 'thresholds'
		});
		expect(entry!.detail).toStrictEqual({
			changes: [
				{ path: 'byQueue.老年人.longestWaitSeconds.good', from: null, to: 10 },
				{ path: 'byQueue.老年人.longestWaitSeconds.warn', from: null, to: 30 },
				{ path: 'metrics.longestWaitSeconds.warn', from: 60, to: 45 },
				{ path: 'metrics.serviceLevelToday.good', from: 0.9, to: 0.85 }
			]
		});

		// The page lists it, and the CSV export carries it (with the editor's filter).
		const page = await (await get('/admin/audit?area=thresholds', admin)).text();
		expect(page).toContain('metrics.serviceLevelToday.good: 0.9 → 0.85');
		expect(page).toContain('byQueue.老年人.longestWaitSeconds.good: — → 10');
		const csv = await get('/admin/audit/export.csv?area=thresholds&lang=en', admin);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = (await csv.text()).replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('Time (Asia/Shanghai),By,Actor kind,Action,Target,Detail');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,admin,/);
		expect(lines[1]!.replace(/^[^,]+,/, '')).toBe(
			'admin,user,thresholds.set,thresholds,byQueue.老年人.longestWaitSeconds.good: — → 10; byQueue.老年人.longestWaitSeconds.warn: — → 30; metrics.longestWaitSeconds.warn: 60 → 45; metrics.serviceLevelToday.good: 0.9 → 0.85'
		);
	});

	it('refuses a bad form by field with codes, saves nothing and records nothing', async () => {
		const before = server.app.thresholds.current();
		const count = (await server.app.audit.list()).length;
		const refused = await formAction<{ errors: Array<{ field: string; code: string }> }>(
			server,
			admin,
			'/admin/thresholds?/save',
			editorFields({
				'm.serviceLevelToday.good': '80',
				'm.serviceLevelToday.warn': '85',
				'm.answerRate24h.good': '120',
				'm.longestWaitSeconds.good': 'abc',
				'm.overdueGeneral.warn': '2.5',
				'q.0.name': '',
				'q.0.answerRate24h.good': '90',
				'q.0.answerRate24h.warn': ''
			}),
			{ allowFailure: true }
		);
		expect(refused.status).toBe(400);
		expect(refused.data.errors).toStrictEqual([
			{ field: 'm.serviceLevelToday.warn', code: 'warnAboveGood' },
			{ field: 'm.answerRate24h.good', code: 'percentRange' },
			{ field: 'm.longestWaitSeconds.good', code: 'number' },
			{ field: 'm.overdueGeneral.warn', code: 'whole' },
			{ field: 'q.0.answerRate24h.warn', code: 'required' },
			{ field: 'q.0.name', code: 'queueName', params: { max: 128 } }
		]);
		expect(server.app.thresholds.current()).toStrictEqual(before);
		expect((await server.app.audit.list()).length).toBe(count);
	});

	it('the API change is recorded against the manager who made it', async () => {
		const headers = await authHeaders(server, 'manager');
		const res = await fetch(`${server.url}/api/v1/thresholds`, {
			method: 'PUT',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ metrics: { answerRate24h: { good: 0.96, warn: 0.9 } } })
		});
		expect(res.status).toBe(200);
		const [entry] = await server.app.audit.list({ area: 'thresholds' });
		expect(entry).toMatchObject({ actor: 'test-manager', action: 'thresholds.set' });
		// Back to the defaults for the figures not sent, the queue's bands gone.
		expect(entry!.detail.changes).toStrictEqual([
			{ path: 'byQueue.老年人.longestWaitSeconds.good', from: 10, to: null },
			{ path: 'byQueue.老年人.longestWaitSeconds.warn', from: 30, to: null },
			{ path: 'metrics.answerRate24h.good', from: 0.95, to: 0.96 },
			{ path: 'metrics.longestWaitSeconds.warn', from: 45, to: 60 },
			{ path: 'metrics.serviceLevelToday.good', from: 0.85, to: 0.9 }
		]);
		expect(server.app.thresholds.current().metrics).toStrictEqual({
			...DEFAULT_THRESHOLDS.metrics,
			answerRate24h: { good: 0.96, warn: 0.9 }
		});
	});
});

describe('users: role, disable, enable, delete', () => {
	it('changes a role: in force at the next request, recorded from → to', async () => {
		await formAction(server, admin, '/admin/users?/create', {
			username: 'wang',
			role: 'supervisor',
			password: TEST_USER_PASSWORD
		});
		const wang = await signInCookie(server, 'wang', TEST_USER_PASSWORD);
		expect((await get('/manager', wang)).status).toBe(403);
		const changed = await formAction(server, admin, '/admin/users?/role', {
			id: await userId('wang'),
			role: 'manager'
		});
		expect(changed.data).toStrictEqual({ done: 'role', username: 'wang', role: 'manager' });
		expect((await get('/manager', wang)).status).toBe(200);
		const [entry] = await server.app.audit.list({ area: 'user' });
		expect(entry).toMatchObject({
			actor: 'admin',
			action: 'user.role',
			target: 'wang',
			detail: { from: 'supervisor', to: 'manager' }
		});
		const created = (await server.app.audit.list({ area: 'user', target: 'wang' })).map(
			(e) => e.action
		);
		expect(created).toStrictEqual(['user.role', 'user.create']);
	});

	it('disabling ends the sessions at once; enabling lets the user sign in again', async () => {
		const wang = await signInCookie(server, 'wang', TEST_USER_PASSWORD);
		expect((await get('/supervisor', wang)).status).toBe(200);
		await formAction(server, admin, '/admin/users?/disable', {
			id: await userId('wang'),
			disabled: 'true'
		});
		const after = await get('/supervisor', wang);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/login?next=%2Fsupervisor');
		await expect(signInCookie(server, 'wang', TEST_USER_PASSWORD)).rejects.toThrow(/failed/);
		await formAction(server, admin, '/admin/users?/disable', {
			id: await userId('wang'),
			disabled: 'false'
		});
		const again = await signInCookie(server, 'wang', TEST_USER_PASSWORD);
		expect((await get('/supervisor', again)).status).toBe(200);
		const actions = (await server.app.audit.list({ area: 'user', target: 'wang' })).map(
			(e) => e.action
		);
		expect(actions.slice(0, 2)).toStrictEqual(['user.enable', 'user.disable']);
	});

	it('password reset and delete are recorded; a deleted user cannot sign in', async () => {
		const id = await userId('wang');
		await formAction(server, admin, '/admin/users?/reset', {
			id,
			password: 'another-password-0123'
		});
		await formAction(server, admin, '/admin/users?/delete', { id });
		await expect(signInCookie(server, 'wang', 'another-password-0123')).rejects.toThrow(/failed/);
		const [deleted, reset] = await server.app.audit.list({ area: 'user', target: 'wang' });
		expect(deleted).toMatchObject({ action: 'user.delete', detail: { role: 'manager' } });
		expect(reset).toMatchObject({ action: 'user.password-reset', detail: {} });
	});
});

describe('the last active admin', () => {
	it('cannot change their own role, nor be disabled, demoted or deleted by anyone', async () => {
		const own = await formAction(
			server,
			admin,
			'/admin/users?/role',
			{ id: await userId('admin'), role: 'manager' },
			{ allowFailure: true }
		);
		expect(own.data).toMatchObject({ code: 'ownAccount.role' });
		// Straight to the accounts, as another (non-admin) caller would.
		const adminId = await userId('admin');
		const other = await userId('test-manager');
		await expect(server.app.accounts.setUserRole(adminId, 'manager', other)).rejects.toMatchObject({
			code: 'lastAdmin.demote'
		});
		await expect(server.app.accounts.setUserDisabled(adminId, true, other)).rejects.toMatchObject({
			code: 'lastAdmin.disable'
		});
		await expect(server.app.accounts.deleteUser(adminId, other)).rejects.toMatchObject({
			code: 'lastAdmin.delete'
		});
		expect((await server.app.accounts.getUser(adminId))?.role).toBe('admin');
	});

	it('two admins demoting each other at once: exactly one succeeds, one admin remains', async () => {
		await formAction(server, admin, '/admin/users?/create', {
			username: 'li',
			role: 'admin',
			password: TEST_USER_PASSWORD
		});
		const liId = await userId('li');
		const adminId = await userId('admin');
		// The accounts' transaction: both at once, one refused.
		const direct = await Promise.allSettled([
			server.app.accounts.setUserRole(liId, 'supervisor', adminId),
			server.app.accounts.setUserRole(adminId, 'supervisor', liId)
		]);
		expect(direct.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(direct.find((r) => r.status === 'rejected')).toMatchObject({
			reason: { code: 'lastAdmin.demote' }
		});
		// Both admins again, then the same through the form, signed in as each.
		for (const id of [liId, adminId]) {
			if ((await server.app.accounts.getUser(id))?.role !== 'admin') {
				await server.app.accounts.setUserRole(id, 'admin', id === liId ? adminId : liId);
			}
		}
		const li = await signInCookie(server, 'li', TEST_USER_PASSWORD);
		const [a, b] = await Promise.all([
			formAction(
				server,
				admin,
				'/admin/users?/role',
				{ id: await userId('li'), role: 'supervisor' },
				{ allowFailure: true }
			),
			formAction(
				server,
				li,
				'/admin/users?/role',
				{ id: await userId('admin'), role: 'supervisor' },
				{ allowFailure: true }
			)
		]);
		const outcomes = [a, b]
			.map((r) => (r.type === 'success' ? 'done' : String(r.data.code ?? `status ${r.status}`)))
			.sort();
		// The loser is refused as the last admin or, already demoted, by the route policy (403).
		expect(outcomes[0]).toBe('done');
		expect(['lastAdmin.demote', 'status 403']).toContain(outcomes[1]);
		const admins = (await server.app.accounts.listUsers()).filter((u) => u.role === 'admin');
		expect(admins).toHaveLength(1);
	});
});
