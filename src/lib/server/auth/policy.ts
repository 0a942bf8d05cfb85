/**
 * Deny by default: every route, endpoint and socket event states who may use it. `hooks.server.ts`
 * checks each request against ROUTE_POLICY before SvelteKit runs the route (a route with no entry
 * is refused), and the socket layer checks each client event against SOCKET_POLICY (a socket that
 * sends an event its role may not send is disconnected). tests/integration/access.test.ts asserts
 * every cell of both tables; `policy.test.ts` fails when a route file has no entry here.
 */
import type { PrincipalRole, Role } from './roles';

/**
 * - `public`: anyone (login, health probes, enrolment codes);
 * - `live`: the PII-free live figures: any signed-in person, an enrolled display or READ_TOKEN;
 *   anonymous too while the installation has no account at all (docs/contract.md §1: "until accounts
 *   exist, reads are open");
 * - `source`: a data source; the route itself checks the ingest credential (bearer token or
 *   signature), because sources are not sessions;
 * - a list of roles: exactly those.
 */
export type Access = 'public' | 'live' | 'source' | readonly PrincipalRole[];

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

const PEOPLE: readonly Role[] = ['admin', 'manager', 'supervisor'];
const SUPERVISION: readonly Role[] = ['admin', 'manager', 'supervisor'];
const MANAGEMENT: readonly Role[] = ['admin', 'manager'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * Keyed by SvelteKit's route id; `GET` also covers `HEAD`. Page form actions are `POST`.
 * `__data.json` requests (client-side navigation) carry the page's route id and method GET.
 */
export const ROUTE_POLICY: Readonly<Record<string, Partial<Record<Method, Access>>>> = {
	'/': { GET: 'live' },
	'/wall': { GET: 'live' },
	'/login': { GET: 'public', POST: 'public' },
	'/logout': { POST: PEOPLE },
	'/account': { GET: PEOPLE, POST: PEOPLE },
	'/enrol': { GET: 'public', POST: 'public' },
	'/enrol/[code]': { GET: 'public' },
	'/admin': { GET: ADMIN },
	'/admin/users': { GET: ADMIN, POST: ADMIN },
	'/admin/displays': { GET: ADMIN, POST: ADMIN },
	'/admin/sources': { GET: ADMIN, POST: ADMIN },
	// The board editor (issue 13): managers arrange the hall's boards too. The pages only read;
	// changes go through PUT/DELETE /api/v1/boards|playlists, which check the role themselves.
	'/admin/boards': { GET: MANAGEMENT },
	'/admin/boards/[id]': { GET: MANAGEMENT },
	'/admin/boards/playlists/[id]': { GET: MANAGEMENT },
	'/admin/thresholds': { GET: ADMIN, POST: ADMIN },
	'/admin/audit': { GET: ADMIN },
	'/admin/audit/export.csv': { GET: ADMIN },
	'/supervisor': { GET: SUPERVISION },
	'/manager': { GET: MANAGEMENT },
	'/api/v1/events': { POST: 'source' },
	'/api/v1/adapters/asterisk/queue-log': { POST: 'source' },
	'/api/v1/snapshot': { GET: 'live' },
	'/api/v1/thresholds': { GET: 'live', PUT: MANAGEMENT },
	'/api/v1/alerts': { GET: 'live' },
	'/api/v1/geo/districts': { GET: 'live' },
	'/api/v1/targets': { GET: 'live' },
	'/api/v1/alerts/[id]/ack': { POST: SUPERVISION },
	'/api/v1/tickets/[ticketId]': { GET: SUPERVISION },
	'/api/v1/tickets/[ticketId]/urge': { POST: SUPERVISION },
	'/api/v1/history/summary': { GET: MANAGEMENT },
	'/api/v1/history/intraday': { GET: MANAGEMENT },
	'/api/v1/history/daily': { GET: MANAGEMENT },
	'/api/v1/history/export.csv': { GET: MANAGEMENT },
	'/api/v1/history/export.xlsx': { GET: MANAGEMENT },
	'/api/v1/openapi.json': { GET: 'public' },
	'/api/v1/history/assessment': { GET: MANAGEMENT },
	'/api/v1/history/assessment.csv': { GET: MANAGEMENT },
	'/api/v1/history/topic-trend': { GET: MANAGEMENT },
	'/api/v1/assessment-weights': { GET: MANAGEMENT, PUT: ADMIN },
	'/api/v1/boards': { GET: 'live' },
	'/api/v1/boards/[id]': { GET: 'live', PUT: MANAGEMENT, DELETE: MANAGEMENT },
	'/api/v1/playlists': { GET: 'live' },
	'/api/v1/playlists/[id]': { GET: 'live', PUT: MANAGEMENT, DELETE: MANAGEMENT },
	'/healthz': { GET: 'public' },
	'/readyz': { GET: 'public' },
	'/metrics': { GET: ['admin', 'reader'] }
};

/** Client → server socket events and who may send them (the server names every room itself). */
export const SOCKET_POLICY: Readonly<Record<string, 'live' | readonly PrincipalRole[]>> = {
	resync: 'live',
	watch: SUPERVISION,
	unwatch: SUPERVISION,
	'alert.ack': SUPERVISION,
	'screen.showing': ['display']
};

export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'unlisted';

/**
 * The decision for one request. `openReads`: no account exists yet, so `live` is open to anyone.
 */
export function decide(
	access: Access | undefined,
	role: PrincipalRole | null,
	openReads: boolean
): Decision {
	if (access === undefined) return 'unlisted';
	if (access === 'public' || access === 'source') return 'allow';
	if (access === 'live') return role !== null || openReads ? 'allow' : 'unauthenticated';
	if (role === null) return 'unauthenticated';
	return access.includes(role) ? 'allow' : 'forbidden';
}

/** The access of a client socket event; undefined for any name not listed (own keys only). */
export function socketAccess(event: unknown): 'live' | readonly PrincipalRole[] | undefined {
	return typeof event === 'string' && Object.hasOwn(SOCKET_POLICY, event)
		? SOCKET_POLICY[event]
		: undefined;
}

export function routeAccess(routeId: string | null, method: string): Access | undefined {
	if (routeId === null || !Object.hasOwn(ROUTE_POLICY, routeId)) return undefined;
	const entry = ROUTE_POLICY[routeId];
	if (!entry) return undefined;
	const m = (method === 'HEAD' ? 'GET' : method) as Method;
	return Object.hasOwn(entry, m) ? entry[m] : undefined;
}
