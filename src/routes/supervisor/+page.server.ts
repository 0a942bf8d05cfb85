import { appOr503 } from '$lib/server/app-or-503';
import type { PageServerLoad } from './$types';

/**
 * The signed-in person's team (users.team, set in /admin/users or `npm run admin -- set-team`):
 * the page opens on that queue. Everything else arrives over the socket.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const principal = locals.principal;
	const team =
		principal?.kind === 'user' ? await appOr503().accounts.teamOf(principal.userId) : null;
	return { team, role: principal?.role ?? null };
};
