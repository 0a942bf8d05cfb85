/** Runs an admin form action: an AccountError becomes the form's error message, not a 500. */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { App } from '../app';
import { appOr503 } from '../app-or-503';
import type { Principal } from './roles';

type Admin = Extract<Principal, { kind: 'user' }>;

export async function adminAction<T extends Record<string, unknown>>(
	locals: App.Locals,
	run: (app: App, admin: Admin) => Promise<T>
): Promise<T | ActionFailure<{ error: string }>> {
	const app = appOr503();
	const admin = locals.principal;
	if (admin?.kind !== 'user' || admin.role !== 'admin') return fail(403, { error: 'admins only' });
	try {
		return await run(app, admin);
	} catch (err) {
		// By name: the routes' copy of the accounts module is not the server's (see runtime.ts).
		if (err instanceof Error && err.name === 'AccountError') {
			const status = (err as Error & { status?: number }).status ?? 400;
			return fail(status, { error: err.message });
		}
		throw err;
	}
}

export function field(form: FormData, name: string, max = 300): string {
	return String(form.get(name) ?? '').slice(0, max);
}
