import { fail, redirect } from '@sveltejs/kit';
import { appOr503 } from '$lib/server/app-or-503';
import { enrolScreen } from '$lib/server/auth/enrolment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	enrolledAs: locals.principal?.kind === 'display' ? locals.principal.name : null,
	invalidLink: false
});

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const code = String((await request.formData()).get('code') ?? '').slice(0, 64);
		const outcome = await enrolScreen(appOr503(), code, {
			cookies,
			url,
			address: getClientAddress()
		});
		if (!outcome.ok) return fail(outcome.error === 'invalid' ? 400 : 429, { ...outcome, code });
		redirect(303, '/wall');
	}
};
