/**
 * Hand-worked scenarios for the supervisors' detail queries. NOW is 2026-03-02T01:00:00Z; every
 * expected second is NOW minus the event's time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import { ev, ms } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from './config';
import { agentsList, callbackList, queueDetail, ticketBoard } from './detail';
import { createMetrics } from './engine';

const NOW = ms('2026-03-02T01:00:00.000Z');
const at = (secondsBefore: number) => NOW - secondsBefore * 1000;

function records(events: WallboardEvent[]) {
	const m = createMetrics(DEFAULT_METRICS_CONFIG);
	m.applyAll(events);
	return m.records;
}

const hall: WallboardEvent[] = [
	// elderly: c2 waits 90 s, c1 60 s, c3 was answered, c4 abandoned; general: c5 waits 10 s.
	{ ...ev.offered('o1', 'c1', 'elderly', at(60)), caller: '13812340000' },
	{ ...ev.offered('o2', 'c2', 'elderly', at(90)), caller: '010-6512-3456' },
	ev.offered('o3', 'c3', 'elderly', at(120)),
	ev.answered('a3', 'c3', at(100)),
	ev.offered('o4', 'c4', 'elderly', at(80)),
	ev.abandoned('x4', 'c4', at(20)),
	{ ...ev.offered('o5', 'c5', 'general', at(10)), caller: '13900000000' },
	// agents: A1 elderly available for 300 s, A2 elderly busy for 45 s (its later event has no
	// name), A3 general on break for 600 s, A4 without team offline.
	{ ...ev.agent('s1', 'A1', 'available', at(300)), name: '王芳', team: 'elderly' },
	{ ...ev.agent('s2', 'A2', 'available', at(500)), name: '刘强', team: 'elderly' },
	ev.agent('s3', 'A2', 'busy', at(45)),
	{ ...ev.agent('s4', 'A3', 'break', at(600)), name: '陈静', team: 'general' },
	ev.agent('s5', 'A4', 'offline', at(30))
];

describe('queueDetail', () => {
	it('lists waiting calls in queue order with masked callers, and the queue’s agents', () => {
		const d = queueDetail(records(hall), NOW, 'elderly');
		expect(d.calls).toEqual([
			{
				position: 1,
				callId: 'c2',
				offeredAt: '2026-03-02T00:58:30.000Z',
				waitingSeconds: 90,
				callerMasked: '010****3456'
			},
			{
				position: 2,
				callId: 'c1',
				offeredAt: '2026-03-02T00:59:00.000Z',
				waitingSeconds: 60,
				callerMasked: '138****0000'
			}
		]);
		expect(d.agents).toEqual([
			{
				agentId: 'A1',
				name: '王芳',
				team: 'elderly',
				state: 'available',
				reason: null,
				since: '2026-03-02T00:55:00.000Z',
				stateSinceSeconds: 300
			},
			{
				agentId: 'A2',
				name: '刘强',
				team: 'elderly',
				state: 'busy',
				reason: null,
				since: '2026-03-02T00:59:15.000Z',
				stateSinceSeconds: 45
			}
		]);
		expect(JSON.stringify(d)).not.toContain('13812340000');
	});

	it('an unknown queue is empty; a call without caller has callerMasked null', () => {
		expect(queueDetail(records(hall), NOW, 'nobody')).toEqual({
			queue: 'nobody',
			calls: [],
			agents: []
		});
		const d = queueDetail(records([ev.offered('o', 'c', 'q', at(5))]), NOW, 'q');
		expect(d.calls[0]?.callerMasked).toBeNull();
	});

	it('is the same for any arrival order of the events', () => {
		const expected = queueDetail(records(hall), NOW, 'elderly');
		fc.assert(
			fc.property(fc.shuffledSubarray(hall, { minLength: hall.length }), (shuffled) => {
				expect(queueDetail(records([...shuffled, ...shuffled]), NOW, 'elderly')).toEqual(expected);
			}),
			{ numRuns: 50 }
		);
	});
});

describe('agentsList', () => {
	it('filters by team and by state, available first, longest in state first', () => {
		const r = records(hall);
		expect(agentsList(r, NOW).agents.map((a) => a.agentId)).toEqual(['A1', 'A2', 'A3', 'A4']);
		expect(agentsList(r, NOW).teams).toEqual(['elderly', 'general']);
		expect(agentsList(r, NOW, { team: 'general' }).agents.map((a) => a.agentId)).toEqual(['A3']);
		expect(agentsList(r, NOW, { state: 'busy' }).agents.map((a) => a.agentId)).toEqual(['A2']);
		expect(agentsList(r, NOW, { team: 'elderly', state: 'break' }).agents).toEqual([]);
		expect(agentsList(r, NOW, { state: 'offline' }).agents[0]).toMatchObject({
			agentId: 'A4',
			name: null,
			team: null,
			stateSinceSeconds: 30
		});
	});
});

describe('agentsList: the pause reason', () => {
	const state = (id: string, s: 'break' | 'available', secondsBefore: number, reason?: string) =>
		({
			id,
			type: 'agent.state',
			agentId: 'P1',
			state: s,
			at: at(secondsBefore),
			...(reason ? { reason } : {})
		}) as WallboardEvent;
	const row = (events: WallboardEvent[]) => agentsList(records(events), NOW).agents[0];

	it('is the reason of the latest break, with the time in pause since that break', () => {
		const events = [state('s1', 'break', 600, 'Lunch'), state('s2', 'break', 120, 'Training')];
		expect(row(events)).toMatchObject({
			state: 'break',
			reason: 'Training',
			stateSinceSeconds: 120
		});
		expect(row([...events].reverse())).toMatchObject({ reason: 'Training' });
	});

	it('is cleared when the agent is no longer on break, and absent for a break without one', () => {
		const events = [state('s1', 'break', 600, 'Lunch'), state('s2', 'available', 60)];
		expect(row(events)).toMatchObject({ state: 'available', reason: null, stateSinceSeconds: 60 });
		expect(row([state('s3', 'break', 30)])).toMatchObject({ state: 'break', reason: null });
	});
});

describe('ticketBoard', () => {
	const H = 3600;
	const tickets: WallboardEvent[] = [
		// emergency (1 h): e1 created 70 min ago → 600 s overdue; e2 created 20 min ago → 2400 s left.
		ev.created('t1', 'e1', 'emergency', at(70 * 60), {
			district: '朝阳区',
			callerPhone: '13711112222'
		}),
		ev.created('t2', 'e2', 'emergency', at(20 * 60), { district: '海淀区' }),
		// livelihood (2 h): l1 dispatched on time 1 h after creation to 供水集团, no feedback yet.
		ev.created('t3', 'l1', 'livelihood', at(3 * H), { district: '朝阳区' }),
		ev.dispatched('d3', 'l1', at(2 * H), '供水集团'),
		// livelihood: l2 dispatched late (2.5 h after) to 供电公司; l3 dispatched and answered.
		ev.created('t4', 'l2', 'livelihood', at(4 * H), { district: '海淀区' }),
		ev.dispatched('d4', 'l2', at(1.5 * H), '供电公司'),
		ev.created('t5', 'l3', 'livelihood', at(5 * H), { district: '海淀区' }),
		ev.dispatched('d5', 'l3', at(4.5 * H), '供电公司'),
		ev.feedback('f5', 'l3', 'resolved', at(H))
	];

	it('splits pending and overdue with seconds left, and lists dispatched tickets awaiting feedback', () => {
		const b = ticketBoard(records(tickets), NOW);
		expect(b.byCategory.emergency.overdue).toEqual([
			{
				ticketId: 'e1',
				category: 'emergency',
				kind: 'help',
				district: '朝阳区',
				createdAt: '2026-03-01T23:50:00.000Z',
				deadlineAt: '2026-03-02T00:50:00.000Z',
				secondsLeft: -600
			}
		]);
		expect(b.byCategory.emergency.pending.map((t) => [t.ticketId, t.secondsLeft])).toEqual([
			['e2', 2400]
		]);
		expect(
			b.byCategory.livelihood.awaitingFeedback.map((t) => [t.ticketId, t.department, t.onTime])
		).toEqual([
			['l1', '供水集团', true],
			['l2', '供电公司', false]
		]);
		expect(b.counts).toEqual({
			emergency: { pending: 1, overdue: 1, awaitingFeedback: 0 },
			livelihood: { pending: 0, overdue: 0, awaitingFeedback: 2 },
			general: { pending: 0, overdue: 0, awaitingFeedback: 0 }
		});
		expect(b.districts).toEqual(['朝阳区', '海淀区']);
		expect(b.departments).toEqual(['供水集团', '供电公司']);
		expect(JSON.stringify(b)).not.toContain('13711112222');
	});

	it('filters by district everywhere and by department among dispatched tickets', () => {
		const r = records(tickets);
		const chaoyang = ticketBoard(r, NOW, { district: '朝阳区' });
		expect(chaoyang.counts.emergency).toEqual({ pending: 0, overdue: 1, awaitingFeedback: 0 });
		expect(chaoyang.counts.livelihood.awaitingFeedback).toBe(1);
		const power = ticketBoard(r, NOW, { department: '供电公司' });
		expect(power.byCategory.livelihood.awaitingFeedback.map((t) => t.ticketId)).toEqual(['l2']);
		expect(power.counts.emergency.overdue).toBe(1);
	});

	it('a ticket turns overdue the millisecond after its deadline and lists are cut at the limit', () => {
		const r = records(tickets);
		const deadline = ms('2026-03-02T01:40:00.000Z'); // e2's
		expect(ticketBoard(r, deadline).counts.emergency.overdue).toBe(1);
		expect(ticketBoard(r, deadline + 1).counts.emergency.overdue).toBe(2);
		const cut = ticketBoard(r, deadline + 1, {}, 1);
		expect(cut.byCategory.emergency.overdue).toHaveLength(1);
		expect(cut.counts.emergency.overdue).toBe(2);
	});
});

describe('callbackList', () => {
	const DAY_S = 86_400;
	const events: WallboardEvent[] = [
		// k1 elderly abandoned 600 s ago; k2 general 3600 s ago; k3 called back; k4 too old (24 h
		// exactly: the window is open on the left); k5 answered.
		{ ...ev.offered('ko1', 'k1', 'elderly', at(700)), caller: '13812345678' },
		ev.abandoned('kx1', 'k1', at(600)),
		ev.offered('ko2', 'k2', 'general', at(3700)),
		ev.abandoned('kx2', 'k2', at(3600)),
		ev.offered('ko3', 'k3', 'elderly', at(900)),
		ev.abandoned('kx3', 'k3', at(800)),
		ev.callback('kb3', 'k3', at(100)),
		ev.offered('ko4', 'k4', 'elderly', at(DAY_S + 60)),
		ev.abandoned('kx4', 'k4', at(DAY_S)),
		ev.offered('ko5', 'k5', 'elderly', at(50)),
		ev.answered('ka5', 'k5', at(40))
	];

	it('lists the calls awaiting a callback, oldest first, masked', () => {
		expect(callbackList(records(events), NOW)).toStrictEqual({
			calls: [
				{
					callId: 'k2',
					queue: 'general',
					abandonedAt: new Date(at(3600)).toISOString(),
					awaitingSeconds: 3600,
					callerMasked: null
				},
				{
					callId: 'k1',
					queue: 'elderly',
					abandonedAt: new Date(at(600)).toISOString(),
					awaitingSeconds: 600,
					callerMasked: '138****5678'
				}
			],
			count: 2,
			queues: ['elderly', 'general'],
			// k1 (600 s ago) is within the last 15 minutes; k2 (an hour) is not.
			recent15m: {
				calls: [
					{
						callId: 'k1',
						queue: 'elderly',
						abandonedAt: new Date(at(600)).toISOString(),
						awaitingSeconds: 600,
						callerMasked: '138****5678'
					}
				],
				count: 1
			}
		});
	});

	it('narrows to one queue and cuts the list, keeping the count whole', () => {
		const list = callbackList(records(events), NOW, 'elderly', 0);
		expect(list.calls).toStrictEqual([]);
		expect(list.count).toBe(1);
		expect(list.recent15m).toStrictEqual({ calls: [], count: 1 });
	});
});

describe('ticketBoard topicsToday', () => {
	it('counts the filtered district’s topics of today, with their last hour', () => {
		const events: WallboardEvent[] = [
			ev.created('d1', 'T1', 'general', at(600), { district: '朝阳区', topic: '噪音扰民' }),
			ev.created('d2', 'T2', 'general', at(5400), { district: '朝阳区', topic: '噪音扰民' }),
			ev.created('d3', 'T3', 'livelihood', at(60), { district: '朝阳区', topic: '停水' }),
			ev.created('d4', 'T4', 'livelihood', at(60), { district: '海淀区', topic: '停水' }),
			ev.dispatched('d5', 'T2', at(3000))
		];
		expect(ticketBoard(records(events), NOW, { district: '朝阳区' }).topicsToday).toStrictEqual([
			{ topic: '噪音扰民', count: 2, lastHour: 1 },
			{ topic: '停水', count: 1, lastHour: 1 }
		]);
		expect(ticketBoard(records(events), NOW).topicsToday).toStrictEqual([
			{ topic: '停水', count: 2, lastHour: 2 },
			{ topic: '噪音扰民', count: 2, lastHour: 1 }
		]);
	});
});
