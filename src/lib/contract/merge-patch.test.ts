import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMergePatch, diff, type Json } from './merge-patch';

describe('applyMergePatch (RFC 7386 appendix A examples)', () => {
	const cases: Array<[Json, Json, Json]> = [
		[{ a: 'b' }, { a: 'c' }, { a: 'c' }],
		[{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
		[{ a: 'b' }, { a: null }, {}],
		[{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
		[{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
		[{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
		[{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
		[{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
		[
			['a', 'b'],
			['c', 'd'],
			['c', 'd']
		],
		[{ a: 'b' }, ['c'], ['c']],
		[{ a: 'foo' }, null, null],
		[{ a: 'foo' }, 'bar', 'bar'],
		[{ e: null }, { a: 1 }, { e: null, a: 1 }],
		[[1, 2], { a: 'b', c: null }, { a: 'b' }],
		[{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }]
	];
	it.each(cases)('%j + %j = %j', (target, patch, expected) => {
		expect(applyMergePatch(target, patch)).toEqual(expected);
	});

	it('does not modify its target', () => {
		const target = { a: { b: 1 } };
		applyMergePatch(target, { a: { b: 2 } });
		expect(target).toEqual({ a: { b: 1 } });
	});
});

describe('diff', () => {
	it('returns null for equal documents', () => {
		expect(diff({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toBeNull();
	});

	it('carries only what changed, nested', () => {
		expect(diff({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2, d: 4 } })).toEqual({
			b: { d: 4 }
		});
	});

	it('removes a field that becomes null or disappears', () => {
		expect(diff({ a: 0.5, b: 1 }, { a: null })).toEqual({ a: null, b: null });
	});

	it('leaves a field that stays null out of the patch', () => {
		expect(diff({ a: null, b: 1 }, { a: null, b: 2 })).toEqual({ b: 2 });
	});

	it('replaces arrays whole', () => {
		expect(diff({ l: [1, 2, 3] }, { l: [1, 2] })).toEqual({ l: [1, 2] });
	});

	const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small' },
			fc.constant(null),
			fc.boolean(),
			fc.integer({ min: -5, max: 5 }),
			fc.constantFrom('x', 'y'),
			fc.array(tie('value'), { maxLength: 3 }),
			fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 })
		)
	})).value;
	const doc = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), json, { maxKeys: 4 });

	// Nulls inside objects read as "missing" on the client, so compare with nulls stripped.
	const normalise = (v: Json): Json => {
		if (Array.isArray(v)) return v.map(normalise);
		if (v && typeof v === 'object') {
			const out: { [k: string]: Json } = {};
			for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = normalise(x);
			return out;
		}
		return v;
	};

	it('apply(from, diff(from, to)) equals to, up to null fields (property)', () => {
		fc.assert(
			fc.property(doc, doc, (from, to) => {
				const patch = diff(from, to);
				const result = patch ? applyMergePatch(from, patch) : from;
				expect(normalise(result)).toEqual(normalise(to));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('diff and applyMergePatch with keys Object.prototype has (probe finding e)', () => {
	const own = (entries: Array<[string, Json]>): { [k: string]: Json } => {
		const out: { [k: string]: Json } = {};
		for (const [k, v] of entries) {
			Object.defineProperty(out, k, {
				value: v,
				enumerable: true,
				writable: true,
				configurable: true
			});
		}
		return out;
	};
	const key = fc.constantFrom('__proto__', 'constructor', 'toString', 'a');
	const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small' },
			fc.constant(null),
			fc.integer({ min: -5, max: 5 }),
			fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map(own)
		)
	})).value;
	const doc = fc.array(fc.tuple(key, json), { maxLength: 4 }).map(own);
	/** Own fields, nulls dropped, keys sorted: pairs, so that no key is special. */
	const canon = (v: Json): unknown => {
		if (Array.isArray(v)) return v.map(canon);
		if (v === null || typeof v !== 'object') return v;
		return Object.keys(v)
			.filter((k) => v[k] !== null)
			.sort()
			.map((k) => [k, canon(v[k] as Json)]);
	};

	it('carries a queue named __proto__ as an own field', () => {
		const to = JSON.parse('{"byQueue":{"__proto__":{"waiting":3}}}') as { [k: string]: Json };
		const patch = diff(JSON.parse('{"byQueue":{}}') as { [k: string]: Json }, to);
		expect(JSON.stringify(patch)).toBe('{"byQueue":{"__proto__":{"waiting":3}}}');
		const applied = applyMergePatch(JSON.parse('{"byQueue":{}}') as Json, patch!);
		expect(JSON.stringify(applied)).toBe('{"byQueue":{"__proto__":{"waiting":3}}}');
		expect(Object.getPrototypeOf((applied as { byQueue: object }).byQueue)).toBe(Object.prototype);
	});

	it('apply(from, diff(from, to)) serialises as to (property)', () => {
		fc.assert(
			fc.property(doc, doc, (from, to) => {
				const patch = diff(from, to);
				const wire = patch === null ? null : (JSON.parse(JSON.stringify(patch)) as Json);
				const result = wire ? applyMergePatch(from, wire) : from;
				expect(canon(result)).toEqual(canon(to));
			}),
			{ numRuns: 500 }
		);
	});
});
