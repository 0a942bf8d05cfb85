import { describe, expect, it } from 'vitest';
import { ev, ms } from '../../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config';
import { createMetrics } from '../../metrics/engine';
import { changeKey, computeDetail, roomOf } from './supervision';

describe('roomOf', () => {
	it('one room per distinct request, whatever the key order; filters that differ never share', () => {
		expect(roomOf({ kind: 'tickets', district: 'A', department: 'B' })).toBe(
			roomOf({ department: 'B', district: 'A', kind: 'tickets' })
		);
		expect(roomOf({ kind: 'tickets', district: 'A' })).not.toBe(
			roomOf({ kind: 'tickets', department: 'A' })
		);
		expect(roomOf({ kind: 'queue', queue: 'x"]' })).toBe('detail:queue:["x\\"]"]');
	});
});

describe('changeKey', () => {
	it('ignores what only time changes, sees a call arriving and a ticket turning overdue', () => {
		const m = createMetrics(DEFAULT_METRICS_CONFIG);
		const t0 = ms('2026-03-02T01:00:00Z');
		m.applyAll([
			ev.offered('o1', 'c1', 'q', t0 - 5000),
			ev.agent('s1', 'A1', 'busy', t0 - 9000),
			ev.created('t1', 'T1', 'emergency', t0 - 3600_000 + 2000)
		]);
		const queue = { kind: 'queue', queue: 'q' } as const;
		const tickets = { kind: 'tickets' } as const;
		const k0 = changeKey(computeDetail(m.records, queue, t0));
		expect(changeKey(computeDetail(m.records, queue, t0 + 1000))).toBe(k0);
		const tk0 = changeKey(computeDetail(m.records, tickets, t0));
		expect(changeKey(computeDetail(m.records, tickets, t0 + 1000))).toBe(tk0);
		// T1's deadline is t0 + 2 s: at t0 + 3 s it has moved from pending to overdue.
		expect(changeKey(computeDetail(m.records, tickets, t0 + 3000))).not.toBe(tk0);
		m.apply(ev.offered('o2', 'c2', 'q', t0));
		expect(changeKey(computeDetail(m.records, queue, t0 + 1000))).not.toBe(k0);
	});
});
