/**
 * Hand-worked contributions. Beijing is UTC+8 all year: 00:10Z is 08:10 local, slot minute 480.
 */
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import { ev } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from './config';
import {
	createRollup,
	RollupDelta,
	zeroCallCounts,
	zeroTicketCounts,
	type CallRollupRow,
	type TicketRollupRow
} from './rollup';

const CONFIG = { ...DEFAULT_METRICS_CONFIG, serviceLevelTargetByQueueMs: { water: 30_000 } };
const rollup = createRollup(CONFIG);

const call = (
	day: string,
	minute: number,
	queue: string,
	counts: Partial<CallRollupRow>
): CallRollupRow => ({ day, minute, queue, ...zeroCallCounts(), ...counts });

const ticket = (
	day: string,
	department: string,
	counts: Partial<TicketRollupRow>,
	category: TicketRollupRow['category'] = 'general',
	district = 'Dongcheng'
): TicketRollupRow => ({ day, category, district, department, ...zeroTicketCounts(), ...counts });

const byKey = <T extends { day: string }>(rows: T[]) =>
	[...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('callRows', () => {
	const cases: Array<{ name: string; events: WallboardEvent[]; rows: CallRollupRow[] }> = [
		{
			name: 'answered within target and ended, one slot',
			events: [
				ev.offered('o', 'c', 'hotline', '2026-03-02T00:10:00Z'),
				ev.answered('a', 'c', '2026-03-02T00:10:12Z'),
				ev.ended('x', 'c', '2026-03-02T00:14:12Z')
			],
			rows: [
				call('2026-03-02', 480, 'hotline', {
					offered: 1,
					answered: 1,
					answeredWithinTarget: 1,
					waitMsSum: 12_000,
					ended: 1,
					talkMsSum: 240_000
				})
			]
		},
		{
			name: 'each count in the slot of its own time; boundaries are [start, start + 15 min)',
			events: [
				ev.offered('o', 'c', 'hotline', '2026-03-02T00:14:59.999Z'),
				ev.answered('a', 'c', '2026-03-02T00:15:20Z'),
				ev.ended('x', 'c', '2026-03-02T00:30:00Z')
			],
			rows: [
				call('2026-03-02', 480, 'hotline', { offered: 1 }),
				call('2026-03-02', 495, 'hotline', { answered: 1, waitMsSum: 20_001 }),
				call('2026-03-02', 510, 'hotline', { ended: 1, talkMsSum: 880_000 })
			]
		},
		{
			name: 'out of order with a duplicate answer: the earliest answer counts',
			events: [
				ev.answered('a2', 'c', '2026-03-02T00:10:30Z'),
				ev.ended('x', 'c', '2026-03-02T00:11:05Z'),
				ev.offered('o', 'c', 'hotline', '2026-03-02T00:10:00Z'),
				ev.answered('a1', 'c', '2026-03-02T00:10:05Z')
			],
			rows: [
				call('2026-03-02', 480, 'hotline', {
					offered: 1,
					answered: 1,
					answeredWithinTarget: 1,
					waitMsSum: 5_000,
					ended: 1,
					talkMsSum: 60_000
				})
			]
		},
		{
			name: 'answered wins over abandoned',
			events: [
				ev.offered('o', 'c', 'hotline', '2026-03-02T00:10:00Z'),
				ev.abandoned('b', 'c', '2026-03-02T00:10:20Z'),
				ev.answered('a', 'c', '2026-03-02T00:10:40Z')
			],
			rows: [call('2026-03-02', 480, 'hotline', { offered: 1, answered: 1, waitMsSum: 40_000 })]
		},
		{
			name: 'abandoned across local midnight: two business days; an ended without answer adds no talk',
			events: [
				ev.offered('o', 'c', 'hotline', '2026-03-02T15:50:00Z'),
				ev.abandoned('b', 'c', '2026-03-02T16:01:00Z'),
				ev.ended('x', 'c', '2026-03-02T16:01:00Z')
			],
			rows: [
				call('2026-03-02', 1425, 'hotline', { offered: 1 }),
				call('2026-03-03', 0, 'hotline', { abandoned: 1 })
			]
		},
		{
			name: "the queue's own target (water: 30 s)",
			events: [
				ev.offered('o', 'c', 'water', '2026-03-02T00:10:00Z'),
				ev.answered('a', 'c', '2026-03-02T00:10:30Z')
			],
			rows: [
				call('2026-03-02', 480, 'water', {
					offered: 1,
					answered: 1,
					answeredWithinTarget: 1,
					waitMsSum: 30_000
				})
			]
		},
		{
			name: 're-offered: the earliest offer gives time and queue',
			events: [
				ev.offered('o2', 'c', 'power', '2026-03-02T00:20:00Z'),
				ev.offered('o1', 'c', 'water', '2026-03-02T00:00:00Z'),
				ev.answered('a', 'c', '2026-03-02T00:20:10Z')
			],
			rows: [
				call('2026-03-02', 480, 'water', { offered: 1 }),
				call('2026-03-02', 495, 'water', { answered: 1, waitMsSum: 1_210_000 })
			]
		},
		{
			name: 'answered before offered (clock skew): wait 0, within target',
			events: [
				ev.offered('o', 'c', 'hotline', '2026-03-02T00:10:05Z'),
				ev.answered('a', 'c', '2026-03-02T00:10:00Z')
			],
			rows: [
				call('2026-03-02', 480, 'hotline', { offered: 1, answered: 1, answeredWithinTarget: 1 })
			]
		},
		{
			name: 'no offered: no contribution',
			events: [
				ev.answered('a', 'c', '2026-03-02T00:10:00Z'),
				ev.ended('x', 'c', '2026-03-02T00:12:00Z')
			],
			rows: []
		},
		{
			name: 'other event types of the same id are ignored',
			events: [
				ev.offered('o', 'c', 'hotline', '2026-03-02T00:10:00Z'),
				ev.created('t', 'c', 'general', '2026-03-02T00:11:00Z')
			],
			rows: [call('2026-03-02', 480, 'hotline', { offered: 1 })]
		}
	];
	it.each(cases)('$name', ({ events, rows }) => {
		expect(byKey(rollup.callRows(events))).toEqual(byKey(rows));
	});
});

describe('ticketRows', () => {
	const cases: Array<{ name: string; events: WallboardEvent[]; rows: TicketRollupRow[] }> = [
		{
			name: 'the whole life of a ticket, each count on its own day, all under the dispatched department',
			events: [
				ev.survey(
					's',
					't',
					{ responded: true, resolved: true, satisfied: true },
					'2026-03-06T02:00:00Z'
				),
				ev.created('c', 't', 'general', '2026-03-02T02:00:00Z'),
				ev.dispatched('d', 't', '2026-03-03T01:00:00Z', 'Water Group'),
				ev.feedback('f', 't', 'resolved', '2026-03-05T03:00:00Z')
			],
			rows: [
				ticket('2026-03-02', 'Water Group', { created: 1 }),
				ticket('2026-03-03', 'Water Group', { dispatched: 1, dispatchedOnTime: 1 }),
				ticket('2026-03-05', 'Water Group', { feedbackResolved: 1 }),
				ticket('2026-03-06', 'Water Group', {
					surveyed: 1,
					responded: 1,
					resolved: 1,
					satisfied: 1
				})
			]
		},
		{
			name: 'a re-survey replaces the earlier one, whatever the arrival order',
			events: [
				ev.survey(
					's2',
					't',
					{ responded: true, resolved: false, satisfied: false },
					'2026-03-04T02:00:00Z'
				),
				ev.created('c', 't', 'general', '2026-03-02T02:00:00Z'),
				ev.survey(
					's1',
					't',
					{ responded: true, resolved: true, satisfied: true },
					'2026-03-03T02:00:00Z'
				)
			],
			rows: [
				ticket('2026-03-02', '', { created: 1 }),
				ticket('2026-03-04', '', { surveyed: 1, responded: 1 })
			]
		},
		{
			name: 'dispatched before created: on time, on the dispatch day',
			events: [
				ev.dispatched('d', 't', '2026-03-01T15:30:00Z', 'Gas Group'),
				ev.created('c', 't', 'emergency', '2026-03-01T16:30:00Z')
			],
			rows: [
				ticket('2026-03-01', 'Gas Group', { dispatched: 1, dispatchedOnTime: 1 }, 'emergency'),
				ticket('2026-03-02', 'Gas Group', { created: 1 }, 'emergency')
			]
		},
		{
			name: 'emergency deadline 1 h: exactly at the deadline is on time',
			events: [
				ev.created('c', 't', 'emergency', '2026-03-02T02:00:00Z'),
				ev.dispatched('d', 't', '2026-03-02T03:00:00Z', 'Gas Group')
			],
			rows: [
				ticket(
					'2026-03-02',
					'Gas Group',
					{ created: 1, dispatched: 1, dispatchedOnTime: 1 },
					'emergency'
				)
			]
		},
		{
			name: 'one millisecond after the deadline is late; the earliest dispatch counts',
			events: [
				ev.created('c', 't', 'livelihood', '2026-03-02T02:00:00Z', { district: 'Xicheng' }),
				ev.dispatched('d2', 't', '2026-03-02T05:00:00Z', 'Other'),
				ev.dispatched('d1', 't', '2026-03-02T04:00:00.001Z', 'Power')
			],
			rows: [
				ticket(
					'2026-03-02',
					'Power',
					{ created: 1, dispatched: 1, dispatchedLate: 1 },
					'livelihood',
					'Xicheng'
				)
			]
		},
		{
			name: 'the latest feedback counts',
			events: [
				ev.created('c', 't', 'general', '2026-03-02T02:00:00Z'),
				ev.feedback('f2', 't', 'unresolvable', '2026-03-03T02:00:00Z'),
				ev.feedback('f1', 't', 'resolved', '2026-03-02T20:00:00Z')
			],
			rows: [
				ticket('2026-03-02', '', { created: 1 }),
				ticket('2026-03-03', '', { feedbackUnresolvable: 1 })
			]
		},
		{
			name: 'no created: no contribution',
			events: [
				ev.dispatched('d', 't', '2026-03-02T04:00:00Z'),
				ev.survey(
					's',
					't',
					{ responded: false, resolved: false, satisfied: false },
					'2026-03-03T02:00:00Z'
				)
			],
			rows: []
		}
	];
	it.each(cases)('$name', ({ events, rows }) => {
		expect(byKey(rollup.ticketRows(events))).toEqual(byKey(rows));
	});
});

describe('slots in a zone with daylight saving (America/New_York)', () => {
	const ny = createRollup({ ...CONFIG, timezone: 'America/New_York' });
	it('spring forward: 01:59 EST is minute 105, the next instant 03:00 EDT is minute 180', () => {
		const rows = ny.callRows([
			ev.offered('o', 'c', 'q', '2026-03-08T06:59:59Z'),
			ev.abandoned('b', 'c', '2026-03-08T07:00:00Z')
		]);
		expect(byKey(rows)).toEqual([
			call('2026-03-08', 105, 'q', { offered: 1 }),
			call('2026-03-08', 180, 'q', { abandoned: 1 })
		]);
	});
	it('fall back: 01:30 EDT and 01:30 EST share slot 90', () => {
		const delta = new RollupDelta();
		delta.addCalls(ny.callRows([ev.offered('o1', 'c1', 'q', '2026-11-01T05:30:00Z')]), 1);
		delta.addCalls(ny.callRows([ev.offered('o2', 'c2', 'q', '2026-11-01T06:30:00Z')]), 1);
		expect(delta.callDeltas()).toEqual([call('2026-11-01', 90, 'q', { offered: 2 })]);
	});
});

describe('RollupDelta', () => {
	it('retract-and-reapply leaves only the difference, zero rows dropped', () => {
		const beforeEvents = [ev.offered('o', 'c', 'hotline', '2026-03-02T00:10:00Z')];
		const afterEvents = [...beforeEvents, ev.abandoned('b', 'c', '2026-03-02T00:16:00Z')];
		const delta = new RollupDelta();
		delta.addCalls(rollup.callRows(beforeEvents), -1);
		delta.addCalls(rollup.callRows(afterEvents), 1);
		expect(delta.callDeltas()).toEqual([call('2026-03-02', 495, 'hotline', { abandoned: 1 })]);
	});
	it('a dispatch moves the created count from department "" to the department', () => {
		const created = ev.created('c', 't', 'general', '2026-03-02T02:00:00Z');
		const delta = new RollupDelta();
		delta.addTickets(rollup.ticketRows([created]), -1);
		delta.addTickets(
			rollup.ticketRows([created, ev.dispatched('d', 't', '2026-03-02T03:00:00Z', 'W')]),
			1
		);
		expect(delta.ticketDeltas()).toEqual([
			ticket('2026-03-02', '', { created: -1 }),
			ticket('2026-03-02', 'W', { created: 1, dispatched: 1, dispatchedOnTime: 1 })
		]);
	});
});

describe('ticketHourlyRows', () => {
	it('one row in the local hour of ticket.created, by district and topic', () => {
		// 01:59:59Z is 09:59:59 in Beijing: hour 9 of 2026-03-02.
		const rows = rollup.ticketHourlyRows([
			ev.created('c', 't', 'livelihood', '2026-03-02T01:59:59Z', {
				district: '朝阳区',
				topic: '供暖'
			}),
			ev.dispatched('d', 't', '2026-03-02T03:00:00Z', 'W')
		]);
		expect(rows).toEqual([
			{ day: '2026-03-02', hour: 9, district: '朝阳区', topic: '供暖', created: 1 }
		]);
	});
	it('the earliest ticket.created counts, with its own topic; none gives topic ""', () => {
		const rows = rollup.ticketHourlyRows([
			ev.created('late', 't', 'general', '2026-03-02T16:30:00Z', { topic: '噪音扰民' }),
			ev.created('early', 't', 'general', '2026-03-02T15:59:00Z')
		]);
		// 15:59Z is 23:59 local on 03-02; the later one (00:30 on 03-03) does not count.
		expect(rows).toEqual([
			{ day: '2026-03-02', hour: 23, district: 'Dongcheng', topic: '', created: 1 }
		]);
	});
	it('no row without ticket.created', () => {
		expect(rollup.ticketHourlyRows([ev.dispatched('d', 't', '2026-03-02T03:00:00Z')])).toEqual([]);
	});
	it('a re-sent earlier created moves the count between hours (retract-and-reapply)', () => {
		const first = ev.created('a', 't', 'general', '2026-03-02T02:10:00Z', { topic: '停水' });
		const earlier = ev.created('b', 't', 'general', '2026-03-02T01:10:00Z', { topic: '停水' });
		const delta = new RollupDelta();
		delta.addTicketsHourly(rollup.ticketHourlyRows([first]), -1);
		delta.addTicketsHourly(rollup.ticketHourlyRows([first, earlier]), 1);
		expect(delta.ticketHourlyDeltas()).toEqual([
			{ day: '2026-03-02', hour: 9, district: 'Dongcheng', topic: '停水', created: 1 },
			{ day: '2026-03-02', hour: 10, district: 'Dongcheng', topic: '停水', created: -1 }
		]);
	});
});
