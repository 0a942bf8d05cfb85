import { redirect } from '@sveltejs/kit';
import { appOr503 } from '$lib/server/app-or-503';
import { enrolScreen } from '$lib/server/auth/enrolment';
import type { PageServerLoad } from './$types';

/**
 * The enrolment link opened on the TV: the code is exchanged at once for the device cookie and
 * the screen is sent on to /wall, so no credential stays in the address bar or history.
 */
export const load: PageServerLoad = async ({ params, cookies, url, getClientAddress, locals }) => {
	const outcome = await enrolScreen(appOr503(), params.code, {
		cookies,
		url,
		address: getClientAddress()
	});
	if (outcome.ok) redirect(303, '/wall');
	if (outcome.error === 'rateLimited') locals.retryAfterSeconds = outcome.retryAfter;
	return {
		enrolledAs: null,
		invalidLink: true,
		retryAfter: outcome.error === 'rateLimited' ? outcome.retryAfter : null
	};
};
