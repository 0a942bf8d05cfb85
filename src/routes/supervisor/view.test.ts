import { describe, expect, it } from 'vitest';
import { hrefOf, viewOf, type View } from './view';

describe('supervisor view ↔ URL', () => {
	const views: View[] = [
		{ kind: 'hall' },
		{ kind: 'queue', queue: 'elderly', call: null },
		{ kind: 'queue', queue: 'a&b', call: 'c 1' },
		{ kind: 'agents', team: 'general', state: 'busy' },
		{ kind: 'agents', team: null, state: null },
		{ kind: 'agent', agentId: 'A1', queue: 'elderly' },
		{ kind: 'tickets', category: 'emergency', district: '朝阳区', department: null },
		{ kind: 'ticket', ticketId: 'T-1' },
		{ kind: 'callbacks', queue: null },
		{ kind: 'callbacks', queue: 'elderly' }
	];
	it.each(views)('round-trips %o', (view) => {
		const href = hrefOf(view, null);
		expect(viewOf(new URLSearchParams(href.slice(1)))).toEqual(view);
	});
	it('reads ?district=… as the tickets view of that district', () => {
		expect(viewOf(new URLSearchParams('district=朝阳区'))).toEqual({
			kind: 'tickets',
			category: null,
			district: '朝阳区',
			department: null
		});
	});
	it('reads flags without values and ignores unknown states', () => {
		expect(hrefOf({ kind: 'agents', team: null, state: null }, 'en')).toBe('?agents&lang=en');
		expect(viewOf(new URLSearchParams('agents&state=sleeping'))).toEqual({
			kind: 'agents',
			team: null,
			state: null
		});
	});
});
