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
