import { fail, redirect } from '@sveltejs/kit';
import { appOr503 } from '$lib/server/app-or-503';
import { DISPLAY_COOKIE } from '$lib/server/auth/authenticate';
import { enrolScreen } from '$lib/server/auth/enrolment';
import type { Actions, PageServerLoad } from './$types';

/** Where to go once enrolled: the wall page the screen was on (`next`), or the wall. */
const wallOf = (next: string | null) =>
	next && /^\/wall(\?[^\s]*)?$/.test(next) && !next.startsWith('//') ? next : '/wall';

export const load: PageServerLoad = ({ locals, cookies, url }) => ({
	enrolledAs: locals.principal?.kind === 'display' ? locals.principal.name : null,
	/** It holds a display credential that no longer counts (revoked): say so first. */
	notSignedIn: locals.principal?.kind !== 'display' && cookies.get(DISPLAY_COOKIE) !== undefined,
	next: wallOf(url.searchParams.get('next')),
	invalidLink: false
});

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const code = String((await request.formData()).get('code') ?? '').slice(0, 64);
		const outcome = await enrolScreen(appOr503(), code, {
			cookies,
			url,
			address: getClientAddress()
		});
		if (!outcome.ok && outcome.error === 'rateLimited')
			locals.retryAfterSeconds = outcome.retryAfter;
		if (!outcome.ok) return fail(outcome.error === 'invalid' ? 400 : 429, { ...outcome, code });
		redirect(303, wallOf(url.searchParams.get('next')));
	}
};
