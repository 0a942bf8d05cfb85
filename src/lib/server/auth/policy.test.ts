import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_POLICY, SOCKET_POLICY, decide, routeAccess, socketAccess } from './policy';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');

/** Route ids of every page and endpoint under src/routes (groups `(x)` drop out of the id). */
function routeIds(dir = ROUTES, id = ''): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			const segment = entry.name.startsWith('(') ? '' : `/${entry.name}`;
			out.push(...routeIds(path.join(dir, entry.name), id + segment));
		} else if (
			/^\+(page|server)\.(svelte|ts|js)$/.test(entry.name) ||
			entry.name === '+page.server.ts'
		) {
			out.push(id || '/');
		}
	}
	return [...new Set(out)];
}

describe('access policy', () => {
	it('lists every route file (deny by default: an unlisted route is refused)', () => {
		const missing = routeIds().filter((id) => !(id in ROUTE_POLICY));
		expect(missing).toEqual([]);
	});

	it('decides by role, with live reads open only while no account exists', () => {
		expect(decide('public', null, false)).toBe('allow');
		expect(decide('source', null, false)).toBe('allow');
		expect(decide('live', null, true)).toBe('allow');
		expect(decide('live', null, false)).toBe('unauthenticated');
		expect(decide('live', 'display', false)).toBe('allow');
		expect(decide('live', 'reader', false)).toBe('allow');
		expect(decide(['admin'], 'manager', false)).toBe('forbidden');
		expect(decide(['admin'], null, true)).toBe('unauthenticated');
		expect(decide(['admin'], 'admin', false)).toBe('allow');
		expect(decide(undefined, 'admin', false)).toBe('unlisted');
	});

	it('maps HEAD to GET and refuses methods a route does not list', () => {
		expect(routeAccess('/admin', 'HEAD')).toEqual(['admin']);
		expect(routeAccess('/admin', 'DELETE')).toBeUndefined();
		expect(routeAccess('/nowhere', 'GET')).toBeUndefined();
		expect(routeAccess(null, 'GET')).toBeUndefined();
	});

	// Found by the socket fuzz run: an event named "constructor" crashed the server.
	it('takes no inherited name for a listed event or route', () => {
		for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			expect(socketAccess(name)).toBeUndefined();
			expect(routeAccess(name, 'GET')).toBeUndefined();
			expect(routeAccess('/admin', name)).toBeUndefined();
		}
		expect(socketAccess(42)).toBeUndefined();
		expect(socketAccess('resync')).toBe('live');
	});

	it('never lets a display or reader write or administer', () => {
		for (const [route, methods] of Object.entries(ROUTE_POLICY)) {
			for (const [method, access] of Object.entries(methods)) {
				if (method === 'GET' || !Array.isArray(access)) continue;
				expect(access, `${method} ${route}`).not.toContain('display');
				expect(access, `${method} ${route}`).not.toContain('reader');
			}
		}
		// A screen may ask for a resync and report what it shows (its own status, nothing else).
		for (const [event, access] of Object.entries(SOCKET_POLICY)) {
			if (event === 'resync' || event === 'screen.showing') continue;
			expect(access, event).not.toContain('display');
		}
		expect(SOCKET_POLICY['screen.showing']).toEqual(['display']);
	});
});
