import { describe, expect, it } from 'vitest';
import { bodyKind, isBadLine, parseBody, readBodyLimited } from './body';

describe('bodyKind', () => {
	it.each([
		['application/json', 'json'],
		['application/json; charset=utf-8', 'json'],
		['Application/JSON', 'json'],
		['application/x-ndjson', 'ndjson'],
		['application/ndjson', 'ndjson']
	])('%s → %s', (type, kind) => expect(bodyKind(type)).toBe(kind));

	it.each([['text/plain'], ['application/x-www-form-urlencoded'], [null]])(
		'%s → 415 naming the accepted types',
		(type) => {
			const r = bodyKind(type);
			expect(r).toMatchObject({ status: 415 });
			expect((r as { message: string }).message).toMatch(/application\/x-ndjson/);
		}
	);
});

describe('parseBody', () => {
	it('reads an array and an {events} object alike', () => {
		expect(parseBody('json', '[{"a":1}]')).toEqual({ items: [{ a: 1 }] });
		expect(parseBody('json', '{"events":[{"a":1}]}')).toEqual({ items: [{ a: 1 }] });
	});

	it.each([
		['', /body is empty/],
		['[1,', /^malformed JSON: unexpected end of input$/],
		['{"a":1}', /JSON array of events or an object/],
		['{"events":{}}', /"events" must be an array/],
		['42', /JSON array of events/]
	])('%j → 400 %s', (text, message) => {
		const r = parseBody('json', text) as { status: number; message: string };
		expect(r.status).toBe(400);
		expect(r.message).toMatch(message);
	});

	it('reads NDJSON line by line, skipping blank lines and marking bad ones', () => {
		const r = parseBody('ndjson', '{"a":1}\r\n\n{oops\n{"b":2}\n') as { items: unknown[] };
		expect(r.items).toHaveLength(3);
		expect(r.items[0]).toEqual({ a: 1 });
		expect(isBadLine(r.items[1])).toBe(true);
		expect((r.items[1] as { message: string }).message).toMatch(/^line 3: malformed JSON/);
		expect(r.items[2]).toEqual({ b: 2 });
	});

	it('never quotes the input in a parse error (probe finding f)', () => {
		const r = parseBody('ndjson', '{"a":1}\n{"caller":来电13700002}\n"来电13700002 abc\n[1,') as {
			items: Array<{ message: string }>;
		};
		expect(r.items.slice(1).map((i) => i.message)).toEqual([
			'line 2: malformed JSON: unexpected character',
			'line 3: malformed JSON: syntax error at position 15',
			'line 4: malformed JSON: unexpected end of input'
		]);
		const j = parseBody('json', '[{"caller":来电13700002}]') as { message: string };
		expect(j.message).toBe('malformed JSON: unexpected character');
	});
});

describe('readBodyLimited', () => {
	const request = (body: string, headers: Record<string, string> = {}) =>
		new Request('http://x/', { method: 'POST', body, headers });

	it('returns the text within the limit', async () => {
		expect(await readBodyLimited(request('héllo'), 6)).toBe('héllo'); // 6 bytes in UTF-8
	});

	it('returns null past the limit, declared or not', async () => {
		expect(await readBodyLimited(request('héllo'), 5)).toBeNull();
		expect(
			await readBodyLimited(request('x'.repeat(100), { 'content-length': '100' }), 10)
		).toBeNull();
	});
});
