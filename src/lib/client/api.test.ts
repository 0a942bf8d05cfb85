import { describe, expect, it } from 'vitest';
import { ApiError, apiFetch, readErrorBody } from './api';

type Call = { url: string; init: RequestInit };

/** A fetch that answers `status` with `body` (a string as is, anything else as JSON). */
function fakeFetch(status: number, body: unknown, statusText = '') {
	const calls: Call[] = [];
	const fn = (url: string | URL | Request, init?: RequestInit) => {
		calls.push({ url: String(url), init: init ?? {} });
		const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
		return Promise.resolve(new Response(status === 204 ? null : text, { status, statusText }));
	};
	return { fn: fn as typeof fetch, calls };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
	try {
		await p;
	} catch (err) {
		if (err instanceof ApiError) return err;
		throw err;
	}
	throw new Error('expected an ApiError');
}

describe('apiFetch', () => {
	it('returns the parsed JSON of a 2xx answer and asks for JSON', async () => {
		const f = fakeFetch(200, { id: 3, ackedBy: 'li' });
		expect(await apiFetch('/api/v1/alerts/3/ack', { method: 'POST' }, f.fn)).toStrictEqual({
			id: 3,
			ackedBy: 'li'
		});
		expect(f.calls).toHaveLength(1);
		expect(f.calls[0]!.url).toBe('/api/v1/alerts/3/ack');
		expect(f.calls[0]!.init.method).toBe('POST');
		const h = new Headers(f.calls[0]!.init.headers);
		expect(h.get('accept')).toBe('application/json');
		expect(h.get('content-type')).toBeNull();
		expect(f.calls[0]!.init.body).toBeUndefined();
	});

	it('sends `json` as a JSON body', async () => {
		const f = fakeFetch(200, { ok: true });
		await apiFetch('/api/v1/thresholds', { method: 'PUT', json: { waiting: [5, 10] } }, f.fn);
		expect(f.calls[0]!.init.body).toBe('{"waiting":[5,10]}');
		expect(new Headers(f.calls[0]!.init.headers).get('content-type')).toBe('application/json');
	});

	it('returns undefined for 204', async () => {
		expect(await apiFetch('/x', {}, fakeFetch(204, undefined).fn)).toBeUndefined();
	});

	it.each([
		[
			'the one shape {message, ...details}',
			400,
			{ message: 'from: not a day', issues: ['from'] },
			'from: not a day',
			{ issues: ['from'] }
		],
		[
			'the old shape {error}',
			403,
			{ error: 'forbidden for supervisor' },
			'forbidden for supervisor',
			{}
		],
		[
			'message wins over error',
			409,
			{ message: 'already acknowledged', error: 'conflict' },
			'already acknowledged',
			{}
		],
		['a body without a message: the status text', 502, { foo: 1 }, 'Bad Gateway', {}],
		['not JSON: the status text', 500, '<html>oops</html>', 'Bad Gateway', {}]
	])('throws an ApiError from %s', async (_, status, body, message, details) => {
		const err = await failure(apiFetch('/x', {}, fakeFetch(status, body, 'Bad Gateway').fn));
		expect({ status: err.status, message: err.message, details: err.details }).toStrictEqual({
			status,
			message,
			details
		});
	});

	it('says HTTP <status> when there is no status text either', async () => {
		const err = await failure(apiFetch('/x', {}, fakeFetch(503, '').fn));
		expect([err.status, err.message]).toStrictEqual([503, 'HTTP 503']);
	});

	it('turns a network failure into status null', async () => {
		const down = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
		const err = await failure(apiFetch('/x', {}, down));
		expect([err.status, err.message]).toStrictEqual([null, 'Failed to fetch']);
	});

	it('rethrows an abort as it is, not as an ApiError', async () => {
		const controller = new AbortController();
		controller.abort();
		const abortError = new DOMException('aborted', 'AbortError');
		const aborted = (() => Promise.reject(abortError)) as typeof fetch;
		await expect(apiFetch('/x', { signal: controller.signal }, aborted)).rejects.toBe(abortError);
	});

	it('refuses a 2xx answer that is not JSON', async () => {
		const err = await failure(apiFetch('/x', {}, fakeFetch(200, 'not json').fn));
		expect([err.status, err.message]).toStrictEqual([
			200,
			'/x answered something that is not JSON'
		]);
	});
});

describe('readErrorBody', () => {
	it.each([
		[null, null],
		['text', null],
		[[{ message: 'x' }], null],
		[{ message: '' }, null],
		[
			{ message: 5, error: 'e' },
			{ message: 'e', details: {} }
		],
		[
			{ message: 'm', retryAfterSeconds: 30 },
			{ message: 'm', details: { retryAfterSeconds: 30 } }
		]
	])('%o → %o', (body, expected) => {
		expect(readErrorBody(body)).toStrictEqual(expected);
	});
});
