import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract';
import { badLine } from './body';
import { ingest, validateBatch } from './ingest';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const offered = (id: string, at: number | string = NOW - 1000) => ({
	id,
	type: 'call.offered',
	at,
	callId: `c-${id}`,
	queue: 'general'
});

describe('validateBatch', () => {
	it('keeps valid events, rejects invalid ones by index, drops in-batch duplicates', () => {
		const r = validateBatch(
			[
				offered('a'),
				{ id: 'b', type: 'call.offered' },
				offered('a'),
				badLine(4, 'line 4: bad'),
				offered('c', '2026-03-02T10:00:00+08:00')
			],
			NOW
		);
		expect(r.events.map((e) => e.id)).toEqual(['a', 'c']);
		expect(r.events[1]!.at).toBe(NOW);
		expect(r.inBatchDuplicates).toBe(1);
		expect(r.rejected).toEqual([
			{
				index: 1,
				id: 'b',
				errors: expect.arrayContaining([
					expect.stringMatching(/^at: /),
					expect.stringMatching(/^callId: /)
				])
			},
			{ index: 3, id: null, errors: ['line 4: bad'] }
		]);
	});

	it.each([
		[{ ...offered('x'), at: NOW + 5 * 60_000 }, true],
		[{ ...offered('x'), at: NOW + 5 * 60_000 + 1 }, false],
		[{ ...offered('x'), at: '2026-03-02T02:00:00' }, false],
		[{ ...offered('x'), id: '' }, false],
		[{ ...offered('x'), id: 'x'.repeat(129) }, false],
		[
			{
				id: 'f',
				type: 'ticket.feedback',
				at: NOW,
				ticketId: 't',
				outcome: 'unresolvable',
				reason: '  '
			},
			false
		],
		[
			{
				id: 'f',
				type: 'ticket.feedback',
				at: NOW,
				ticketId: 't',
				outcome: 'unresolvable',
				reason: '超出职责范围'
			},
			true
		],
		[{ id: 'f', type: 'ticket.feedback', at: NOW, ticketId: 't', outcome: 'resolved' }, true]
	])('%j valid: %s', (event, valid) => {
		expect(validateBatch([event], NOW).events.length).toBe(valid ? 1 : 0);
	});
});

describe('ingest', () => {
	it('applies only what the store newly stored, counting the rest as duplicates', async () => {
		const stored = new Set(['a']);
		const applied: WallboardEvent[] = [];
		const r = await ingest(
			{
				append: async (events) => {
					const fresh = new Set<string>();
					for (const e of events) {
						if (stored.has(e.id)) continue;
						stored.add(e.id);
						fresh.add(e.id);
					}
					return fresh;
				},
				apply: (events) => applied.push(...events)
			},
			[offered('a'), offered('b'), offered('b'), { nope: 1 }],
			NOW
		);
		expect(r).toEqual({
			accepted: 1,
			duplicates: 2,
			rejected: [{ index: 3, id: null, errors: expect.any(Array) }]
		});
		expect(applied.map((e) => e.id)).toEqual(['b']);
	});

	it('does not apply anything when storing fails', async () => {
		const applied: WallboardEvent[] = [];
		await expect(
			ingest(
				{ append: () => Promise.reject(new Error('db down')), apply: (e) => applied.push(...e) },
				[offered('a')],
				NOW
			)
		).rejects.toThrow('db down');
		expect(applied).toEqual([]);
	});
});

describe('text the database cannot store', () => {
	it.each([
		[{ ...offered('n'), callId: 'a\u0000b' }, /^callId: must not contain NUL/],
		[{ ...offered('s'), queue: 'x\ud800y' }, /^queue: contains an unpaired UTF-16 surrogate/],
		[{ ...offered('e'), extra: { deep: 'z\u0000' } }, /^extra\.deep: must not contain NUL/],
		[{ ...offered('d'), extra: JSON.parse('['.repeat(40) + ']'.repeat(40)) }, /nested too deeply/]
	])('is rejected by field, not stored: %#', (event, message) => {
		const r = validateBatch([event], NOW);
		expect(r.events).toEqual([]);
		expect(r.rejected[0]!.errors[0]).toMatch(message);
	});

	it('accepts a well-formed surrogate pair (an emoji)', () => {
		expect(validateBatch([{ ...offered('ok'), queue: '老年人😀' }], NOW).events).toHaveLength(1);
	});
});
