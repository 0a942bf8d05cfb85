/**
 * Accounts on a real (embedded, in-memory) PostgreSQL with a hand-driven clock: lock-out, session
 * expiry, enrolment codes, revocation and secret rotation, checked at their exact boundaries; and
 * two admins disabling each other at once, on PGlite and on a PostgreSQL server (TEST_DATABASE_URL).
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ENROL_CODE_TTL_MS,
	LOCKOUT_MS,
	LOCKOUT_THRESHOLD,
	SESSION_MAX_AGE_MS,
	createAccounts,
	type Accounts
} from '../../src/lib/server/accounts';
import type { StoreDatabase } from '../../src/lib/server/db/drizzle-store';
import {
	openStore,
	resolveMigrationsFolder,
	type OpenedStore
} from '../../src/lib/server/db/store';
import { createTempDatabase } from '../helpers/pg';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = 3600_000;
const IDLE = 12 * HOUR;
const PASSWORD = 'correct horse battery';

let client: PGlite;
let accounts: Accounts;
let clock = T0;

beforeAll(async () => {
	client = await PGlite.create();
	const db = drizzle({ client, casing: 'snake_case' });
	await migrate(db, { migrationsFolder: resolveMigrationsFolder() });
	accounts = createAccounts(db as unknown as StoreDatabase, () => clock);
});
afterAll(async () => {
	await client.close();
});

const signIn = (name: string, pw = PASSWORD) => accounts.signIn(name, pw, { idleMs: IDLE });

describe('accounts', () => {
	it('has no account until the first admin is created, and never overwrites one', async () => {
		expect(await accounts.hasAnyUser()).toBe(false);
		expect(await accounts.ensureFirstAdmin('admin', PASSWORD)).toBe('created');
		expect(await accounts.hasAnyUser()).toBe(true);
		expect(await accounts.ensureFirstAdmin('admin', 'another password!!')).toBe('accounts-exist');
		expect((await signIn('admin')).ok).toBe(true);
	});

	it('refuses weak passwords, bad names, bad roles and duplicates with a message', async () => {
		await expect(
			accounts.createUser({ username: 'ann', role: 'manager', password: 'short' })
		).rejects.toThrow(/at least 12/);
		await expect(
			accounts.createUser({ username: 'A', role: 'manager', password: PASSWORD })
		).rejects.toThrow(/username/);
		await expect(
			accounts.createUser({ username: 'ann', role: 'display', password: PASSWORD })
		).rejects.toThrow(/role/);
		await accounts.createUser({ username: 'Ann', role: 'supervisor', password: PASSWORD });
		await expect(
			accounts.createUser({ username: 'ann', role: 'manager', password: PASSWORD })
		).rejects.toThrow(/taken/);
	});

	it('stores argon2id hashes, never the password', async () => {
		const rows = await client.query<{ password_hash: string }>('select password_hash from users');
		for (const r of rows.rows) {
			expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
			expect(r.password_hash).not.toContain(PASSWORD);
		}
	});

	it(`locks an account after ${LOCKOUT_THRESHOLD} failures for 15 minutes, even for the right password`, async () => {
		await accounts.createUser({ username: 'bob', role: 'supervisor', password: PASSWORD });
		for (let i = 1; i < LOCKOUT_THRESHOLD; i++)
			expect(await signIn('bob', 'wrong password 1')).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn('bob', 'wrong password 1')).toEqual({
			ok: false,
			reason: 'locked',
			lockedUntil: clock + LOCKOUT_MS
		});
		expect(await signIn('bob')).toMatchObject({ ok: false, reason: 'locked' });
		clock += LOCKOUT_MS - 1;
		expect(await signIn('bob')).toMatchObject({ ok: false, reason: 'locked' });
		clock += 1;
		expect((await signIn('bob')).ok).toBe(true);
		// an unknown name answers exactly like a wrong password
		expect(await signIn('nobody')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('expires a session after the idle time, slides it on use, and ends it at 7 days', async () => {
		clock = T0 + 10 * HOUR;
		const s = await signIn('ann');
		if (!s.ok) throw new Error('sign-in failed');
		clock += IDLE - 1;
		expect(await accounts.sessionPrincipal(s.token, IDLE)).toMatchObject({
			username: 'ann',
			role: 'supervisor'
		});
		// that use slid the expiry: another idle period from now
		clock += IDLE - 1;
		expect(await accounts.sessionPrincipal(s.token, IDLE)).not.toBeNull();
		clock += IDLE;
		expect(await accounts.sessionPrincipal(s.token, IDLE)).toBeNull();

		const busy = await signIn('ann');
		if (!busy.ok) throw new Error('sign-in failed');
		const start = clock;
		while (clock < start + SESSION_MAX_AGE_MS - HOUR) {
			clock += HOUR;
			expect(await accounts.sessionPrincipal(busy.token, IDLE)).not.toBeNull();
		}
		clock = start + SESSION_MAX_AGE_MS;
		expect(await accounts.sessionPrincipal(busy.token, IDLE)).toBeNull();
	});

	it('ends sessions on sign-out, on a password reset and when the user is disabled', async () => {
		const users = await accounts.listUsers();
		const ann = users.find((u) => u.username === 'ann')!;
		const admin = users.find((u) => u.username === 'admin')!;
		const a = await signIn('ann');
		const b = await signIn('ann');
		if (!a.ok || !b.ok || a.principal.kind !== 'user') throw new Error('sign-in failed');
		await accounts.signOut(a.principal.sessionId);
		expect(await accounts.sessionPrincipal(a.token, IDLE)).toBeNull();
		expect(await accounts.sessionPrincipal(b.token, IDLE)).not.toBeNull();
		await accounts.resetPassword(ann.id, 'a brand new password');
		expect(await accounts.sessionPrincipal(b.token, IDLE)).toBeNull();
		expect((await signIn('ann')).ok).toBe(false);
		const c = await signIn('ann', 'a brand new password');
		if (!c.ok) throw new Error('sign-in failed');
		await accounts.setUserDisabled(ann.id, true, admin.id);
		expect(await accounts.sessionPrincipal(c.token, IDLE)).toBeNull();
		expect(await signIn('ann', 'a brand new password')).toEqual({ ok: false, reason: 'invalid' });
		await expect(accounts.setUserDisabled(admin.id, true, admin.id)).rejects.toThrow(/your own/);
	});

	it('enrols a display once per code, within 15 minutes, and revokes it for good', async () => {
		clock = T0;
		const d = await accounts.createDisplay({ name: 'Hall left', board: 'hall' }, 'admin');
		expect(d.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
		// typed with a dash and in lower case on a TV remote
		const typed = `${d.code.slice(0, 4)}-${d.code.slice(4)}`.toLowerCase();
		clock += ENROL_CODE_TTL_MS - 1;
		const first = await accounts.enrol(typed);
		expect(first?.displayId).toBe(d.id);
		expect(await accounts.enrol(d.code)).toBeNull(); // spent
		expect(await accounts.displayPrincipal(first!.token)).toMatchObject({
			role: 'display',
			name: 'Hall left'
		});

		const again = await accounts.newEnrolmentCode(d.id);
		clock += ENROL_CODE_TTL_MS;
		expect(await accounts.enrol(again.code)).toBeNull(); // expired
		expect((await accounts.listDisplays())[0]).toMatchObject({ status: 'enrolled' });

		await accounts.revokeDisplay(d.id);
		expect(await accounts.displayPrincipal(first!.token)).toBeNull();
		expect(await accounts.validDisplayIds([d.id])).toEqual(new Set());
		await expect(accounts.newEnrolmentCode(d.id)).rejects.toThrow(/revoked/);
		expect((await accounts.listDisplays())[0]).toMatchObject({ status: 'revoked' });
	});

	it('rotates a source secret keeping the previous one until dropped; revocation ends the token', async () => {
		const s = await accounts.createSource({ name: 'acd', signing: 'optional' }, 'admin');
		expect(s.secret).toMatch(/^whsec_/);
		const first = await accounts.sourceByToken(s.token);
		expect(first).toMatchObject({ name: 'acd', secrets: [s.secret], requireSignature: false });
		const next = await accounts.rotateSecret(first!.id);
		clock += 5000; // past the lookup cache
		expect((await accounts.sourceByToken(s.token))?.secrets).toEqual([next, s.secret]);
		await accounts.dropOldSecret(first!.id);
		expect((await accounts.sourceByToken(s.token))?.secrets).toEqual([next]);
		await accounts.revokeSource(first!.id);
		expect(await accounts.sourceByToken(s.token)).toBeNull();
		expect(await accounts.sourceByToken('not a token')).toBeNull();
	});
});

/**
 * Admins A and B, both active, each disable the other at the same moment, `rounds` times (the
 * disabled one is enabled again between rounds). Each round exactly one change goes through.
 */
async function disableEachOther(target: Accounts, rounds: number) {
	const a = await target.createUser({ username: 'admin-a', role: 'admin', password: PASSWORD });
	const b = await target.createUser({ username: 'admin-b', role: 'admin', password: PASSWORD });
	for (let round = 0; round < rounds; round++) {
		const results = await Promise.allSettled([
			target.setUserDisabled(a.id, true, b.id),
			target.setUserDisabled(b.id, true, a.id)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected');
		expect((refused?.reason as Error).message).toBe('the last active admin cannot be disabled');
		const active = (await target.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
		expect(active).toHaveLength(1);
		const disabled = active[0]!.id === a.id ? b : a;
		await target.setUserDisabled(disabled.id, false, active[0]!.id);
	}
}

describe('the last active admin, under concurrent changes', () => {
	it('survives two admins disabling each other at once (PGlite)', async () => {
		const pglite = await PGlite.create();
		try {
			const db = drizzle({ client: pglite, casing: 'snake_case' });
			await migrate(db, { migrationsFolder: resolveMigrationsFolder() });
			await disableEachOther(createAccounts(db as unknown as StoreDatabase), 5);
		} finally {
			await pglite.close();
		}
	});

	it('survives two admins disabling each other at once (PostgreSQL, two connections)', async () => {
		const temp = await createTempDatabase('hw_accounts');
		let store: OpenedStore | undefined;
		try {
			store = await openStore({ databaseUrl: temp.url, dataDir: '' });
			await disableEachOther(createAccounts(store.db), 20);
		} finally {
			await store?.close();
			await temp.drop();
		}
	}, 60_000);
});
