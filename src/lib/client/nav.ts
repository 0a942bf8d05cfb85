/**
 * The pages a visitor may open, by who they are: the start page's links and the account menu.
 * Mirrors the route policy (src/lib/server/auth/policy.ts), which still decides every request.
 */

/** The signed-in person the root layout passes down (+layout.server.ts); null for anyone else. */
export type Viewer = { username: string; role: string } | null;

export type NavLink = {
	path: '/wall' | '/supervisor' | '/manager' | '/admin' | '/account' | '/login';
	key: 'wall' | 'city' | 'supervisor' | 'manager' | 'admin' | 'account' | 'login';
	/** A board of the wall, e.g. `board=city`. */
	query?: string;
};

/** The standard boards of the wall, for whoever may open it. */
const BOARDS: NavLink[] = [
	{ path: '/wall', key: 'wall' },
	{ path: '/wall', key: 'city', query: 'board=city' }
];

/** A person: their role's pages and their account. Anyone else (a screen, an anonymous viewer while reads are open): the wall and sign-in. */
export function navFor(viewer: Viewer): NavLink[] {
	if (!viewer) {
		return [...BOARDS, { path: '/login', key: 'login' }];
	}
	const role = viewer.role;
	const links: NavLink[] = [...BOARDS, { path: '/supervisor', key: 'supervisor' }];
	if (role === 'admin' || role === 'manager') links.push({ path: '/manager', key: 'manager' });
	if (role === 'admin') links.push({ path: '/admin', key: 'admin' });
	links.push({ path: '/account', key: 'account' });
	return links;
}
