/** Which state-changing requests count as cross-site: Origin first, then Fetch Metadata. */
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { crossSite } from './origin';

const OWN = 'http://wall.test';
const eventFor = (method: string, headers: Record<string, string>) =>
	({
		url: new URL(`${OWN}/admin/users`),
		request: new Request(`${OWN}/admin/users`, { method, headers })
	}) as unknown as RequestEvent;

describe('crossSite', () => {
	it.each([
		['GET from another site is safe', 'GET', { origin: 'http://evil.test' }, false],
		['POST from the own origin', 'POST', { origin: OWN }, false],
		['POST from an allowed origin', 'POST', { origin: 'http://ops.test' }, false],
		['POST from another site', 'POST', { origin: 'http://evil.test' }, true],
		[
			'POST with Origin "null", same-origin metadata',
			'POST',
			{ origin: 'null', 'sec-fetch-site': 'same-origin' },
			false
		],
		['POST with Origin "null", no metadata', 'POST', { origin: 'null' }, true],
		['POST without Origin, cross-site metadata', 'POST', { 'sec-fetch-site': 'cross-site' }, true],
		['POST without Origin, typed in the address bar', 'POST', { 'sec-fetch-site': 'none' }, false],
		['POST without Origin or metadata (not a browser)', 'POST', {}, false]
	] as const)('%s', (_name, method, headers, expected) => {
		expect(crossSite(eventFor(method, headers), ['http://ops.test'])).toBe(expected);
	});
});
