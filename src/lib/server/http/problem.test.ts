/** The one error shape, and how the hooks' refusals use it for API and page requests. */
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { problem } from './problem';
import { refuse } from './refuse';

const eventFor = (path: string, accept: string) =>
	({
		url: new URL(`http://wall.test${path}`),
		request: new Request(`http://wall.test${path}`, { headers: { accept } })
	}) as unknown as RequestEvent;

describe('problem', () => {
	it('answers JSON { message, ...details } with the status and headers', async () => {
		const res = problem(409, 'alert a-1 was already acknowledged', {
			headers: { 'Retry-After': '2' },
			details: { ackedBy: 'ann' }
		});
		expect(res.status).toBe(409);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(res.headers.get('retry-after')).toBe('2');
		expect(await res.json()).toEqual({
			message: 'alert a-1 was already acknowledged',
			ackedBy: 'ann'
		});
	});

	it('has only the message without details', async () => {
		expect(await problem(503, 'starting').json()).toEqual({ message: 'starting' });
	});
});

describe('refuse', () => {
	it('answers an API request with problem() and a Bearer challenge on 401', async () => {
		const res = refuse(eventFor('/api/v1/snapshot', '*/*'), 401, 'sign in first');
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toBe('Bearer realm="wallboard"');
		expect(await res.json()).toEqual({ message: 'sign in first' });
	});

	it('answers a page request with a short HTML page linking to sign-in', async () => {
		const res = refuse(eventFor('/admin', 'text/html'), 403, 'the <display> role may not use this');
		expect(res.status).toBe(403);
		expect(res.headers.get('www-authenticate')).toBeNull();
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await res.text();
		expect(html).toContain('<p>the display> role may not use this</p>');
		expect(html).toContain('<a href="/login">');
	});
});
