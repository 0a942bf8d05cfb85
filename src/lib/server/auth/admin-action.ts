/**
 * Runs an admin form action: an AccountError (or a BoardsError, boards/) becomes the form's
 * error (`error`, the English message; `code` and `params`, the message in the page's
 * catalogues: `adminErrors.<code>`), not a 500.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { App } from '../app';
import { appOr503 } from '../app-or-503';
import type { Principal } from './roles';

type Admin = Extract<Principal, { kind: 'user' }>;

export type ActionError = { error: string; code: string; params: Record<string, string | number> };

export async function adminAction<
	T extends Record<string, unknown> | ActionFailure<Record<string, unknown>>
>(
	locals: App.Locals,
	run: (app: App, admin: Admin) => Promise<T>,
	roles: readonly Admin['role'][] = ['admin']
): Promise<T | ActionFailure<ActionError>> {
	const app = appOr503();
	const admin = locals.principal;
	if (admin?.kind !== 'user' || !roles.includes(admin.role)) {
		return fail(403, { error: 'admins only', code: 'adminsOnly', params: {} });
	}
	try {
		return await run(app, admin);
	} catch (err) {
		// By name: the routes' copy of the accounts module is not the server's (see runtime.ts).
		if (err instanceof Error && (err.name === 'AccountError' || err.name === 'BoardsError')) {
			const e = err as Error & {
				status?: number;
				code?: string;
				params?: Record<string, string | number>;
			};
			return fail(e.status ?? 400, {
				error: err.message,
				code: e.code ?? 'invalid',
				params: e.params ?? {}
			});
		}
		throw err;
	}
}

export function field(form: FormData, name: string, max = 300): string {
	return String(form.get(name) ?? '').slice(0, max);
}
