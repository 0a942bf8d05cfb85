import { describe, expect, it } from 'vitest';
import { parseEvent } from './events';

const NOW = Date.parse('2026-03-02T09:00:00Z');

describe('parseEvent', () => {
	// Found by the ingest fuzz run: `type in SCHEMAS` took Object.prototype's keys for types.
	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
		'refuses the inherited name %s as a type with the usual message',
		(type) => {
			const result = parseEvent({ id: 'e1', type, at: NOW }, NOW);
			expect(result).toEqual({
				ok: false,
				id: 'e1',
				errors: [expect.stringMatching(/^type: must be one of call\.offered, /)]
			});
		}
	);
});

describe('parseEvent: the lower bound on at (probe finding d)', () => {
	const now = Date.UTC(2026, 2, 2, 9);
	const offered = (at: unknown) => ({
		id: 'e1',
		type: 'call.offered',
		at,
		callId: 'c1',
		queue: 'q'
	});
	it('rejects at: 0 (epoch seconds sent as milliseconds) and year 0000', () => {
		expect(parseEvent(offered(0), now)).toEqual({
			ok: false,
			id: 'e1',
			errors: [
				'at: 1970-01-01T00:00:00.000Z is before 1990-01-01T00:00:00.000Z (epoch milliseconds expected)'
			]
		});
		const r = parseEvent(offered('0000-01-01T00:00:00Z'), now);
		expect(r.ok).toBe(false);
		expect(parseEvent(offered(1_772_442_000), now).ok).toBe(false); // seconds, not ms
	});
	it('accepts 1990-01-01 exactly, and call records of 1999 (history imports)', () => {
		expect(parseEvent(offered('1990-01-01T00:00:00Z'), now).ok).toBe(true);
		expect(parseEvent(offered('1989-12-31T23:59:59.999Z'), now).ok).toBe(false);
		expect(parseEvent(offered('1999-02-01T07:02:56+02:00'), now).ok).toBe(true);
	});
});
