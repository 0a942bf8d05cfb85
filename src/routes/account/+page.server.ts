import { fail } from '@sveltejs/kit';
import { appOr503 } from '$lib/server/app-or-503';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	user:
		locals.principal?.kind === 'user'
			? { username: locals.principal.username, role: locals.principal.role }
			: null
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const app = appOr503();
		const p = locals.principal;
		if (p?.kind !== 'user')
			return fail(401, { error: 'sign in first', code: 'invalid', params: {} });
		const form = await request.formData();
		try {
			await app.accounts.changeOwnPassword(
				p,
				String(form.get('current') ?? '').slice(0, 300),
				String(form.get('next') ?? '').slice(0, 300)
			);
		} catch (err) {
			if (err instanceof Error && err.name === 'AccountError') {
				const e = err as Error & { code?: string; params?: Record<string, string | number> };
				return fail(400, { error: err.message, code: e.code ?? 'invalid', params: e.params ?? {} });
			}
			throw err;
		}
		app.logger.info({ username: p.username }, 'password changed');
		return { changed: true };
	}
};
