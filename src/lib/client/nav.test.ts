import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

describe('navFor', () => {
	it.each([
		[null, ['wall', 'city', 'login']],
		[{ username: 'li', role: 'supervisor' }, ['wall', 'city', 'supervisor', 'account']],
		[{ username: 'wang', role: 'manager' }, ['wall', 'city', 'supervisor', 'manager', 'account']],
		[
			{ username: 'root', role: 'admin' },
			['wall', 'city', 'supervisor', 'manager', 'admin', 'account']
		]
	])('%o → %o', (viewer, keys) => {
		expect(navFor(viewer).map((l) => l.key)).toStrictEqual(keys);
	});

	it('links each key to its page', () => {
		for (const l of navFor({ username: 'root', role: 'admin' })) {
			if (l.key === 'city') expect([l.path, l.query]).toEqual(['/wall', 'board=city']);
			else expect(l.path).toBe(`/${l.key}`);
		}
		expect(navFor(null).map((l) => l.path)).toStrictEqual(['/wall', '/wall', '/login']);
	});
});
