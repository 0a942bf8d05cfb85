/**
 * Signing in from tests. A server started with `ADMIN_PASSWORD: TEST_ADMIN_PASSWORD` has an admin
 * account `admin`; `authHeaders` and `signIn` create (once per server) and sign in a user of the
 * role asked for, through the same HTTP endpoints a person uses.
 *
 * NOTE: being implemented with accounts (issue 6); until then both do nothing.
 */
import type { Page } from '@playwright/test';
import type { ServerHandle } from './server';

export const TEST_ADMIN_PASSWORD = 'test-admin-password-0123';
export type TestRole = 'admin' | 'manager' | 'supervisor';

/** Headers (Cookie, Origin) for requests as a signed-in user of `role`. */
export async function authHeaders(
	server: ServerHandle,
	role: TestRole
): Promise<Record<string, string>> {
	void server;
	void role;
	return {};
}

/** Signs the Playwright page's browser context in as a user of `role`. */
export async function signIn(page: Page, server: ServerHandle, role: TestRole): Promise<void> {
	void page;
	void server;
	void role;
}
