import type { LayoutServerLoad } from './$types';

/** Who is looking, for the account menu: a person's name and role; nothing for screens. */
export const load: LayoutServerLoad = ({ locals }) => {
	const p = locals.principal;
	return {
		viewer: p?.kind === 'user' ? { username: p.username, role: p.role } : null
	};
};
