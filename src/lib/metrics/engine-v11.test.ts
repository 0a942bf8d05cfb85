/**
 * Hand-worked scenario for the contract v1.1 §7 figures: callbacks, the one-hour answer-rate
 * projection, Erlang C staffing, districts and topics. Every expected number is worked out in the
 * comments from the events above it. Times are UTC; Asia/Shanghai is UTC+8, so the business day
 * of NOW (2026-03-02 09:00 in Beijing) began at 2026-03-01T16:00Z.
 */
import { describe, expect, it } from 'vitest';
import { ev, ms } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from './config';
import { createMetrics } from './engine';

const NOW = '2026-03-02T01:00:00.000Z';

const calls = [
	// c1: abandoned 28 min ago, never called back: awaiting.
	ev.offered('c1o', 'c1', 'general', '2026-03-02T00:31:00Z'),
	ev.abandoned('c1x', 'c1', '2026-03-02T00:32:00Z'),
	// c2: abandoned, called back 10 min ago.
	ev.offered('c2o', 'c2', 'general', '2026-03-02T00:40:00Z'),
	ev.abandoned('c2x', 'c2', '2026-03-02T00:41:00Z'),
	ev.callback('c2b', 'c2', '2026-03-02T00:50:00Z', 'a1'),
	// c3: abandoned 26 h ago and called back 24.5 h ago: outside every 24 h figure.
	ev.offered('c3o', 'c3', 'general', '2026-02-28T23:00:00Z'),
	ev.abandoned('c3x', 'c3', '2026-02-28T23:01:00Z'),
	ev.callback('c3b', 'c3', '2026-03-01T00:30:00Z'),
	// c7: abandoned yesterday 12:01Z, called back at 13:00Z: called back within 24 h.
	ev.offered('c7o', 'c7', 'general', '2026-03-01T12:00:00Z'),
	ev.abandoned('c7x', 'c7', '2026-03-01T12:01:00Z'),
	ev.callback('c7b', 'c7', '2026-03-01T13:00:00Z'),
	// c8: abandoned 22 h 55 min ago, never called back: the oldest awaiting.
	ev.offered('c8o', 'c8', 'general', '2026-03-01T02:00:00Z'),
	ev.abandoned('c8x', 'c8', '2026-03-01T02:05:00Z'),
	// c4: answered 2 h ago, talked 300 s, ended before the last 30 min.
	ev.offered('c4o', 'c4', 'general', '2026-03-01T23:00:00Z'),
	ev.answered('c4a', 'c4', '2026-03-01T23:00:10Z'),
	ev.ended('c4e', 'c4', '2026-03-01T23:05:10Z'),
	// c5, c6: answered and ended in the last 30 min, talking 300 s and 240 s.
	ev.offered('c5o', 'c5', 'general', '2026-03-02T00:50:00Z'),
	ev.answered('c5a', 'c5', '2026-03-02T00:50:05Z'),
	ev.ended('c5e', 'c5', '2026-03-02T00:55:05Z'),
	ev.offered('c6o', 'c6', 'general', '2026-03-02T00:55:00Z'),
	ev.answered('c6a', 'c6', '2026-03-02T00:55:10Z'),
	ev.ended('c6e', 'c6', '2026-03-02T00:59:10Z')
];
const agents = [
	ev.agent('a1s', 'a1', 'busy', '2026-03-02T00:50:00Z', { team: 'general' }),
	ev.agent('a2s', 'a2', 'available', '2026-03-02T00:20:00Z', { team: 'general' }),
	ev.agent('a3s', 'a3', 'break', '2026-03-02T00:40:00Z', { team: 'general' }),
	ev.agent('a4s', 'a4', 'available', '2026-03-02T00:10:00Z', { team: 'elderly' })
];
const tickets = [
	ev.created('t1c', 't1', 'general', '2026-03-02T00:30:00Z', { topic: '供暖' }),
	ev.created('t2c', 't2', 'general', '2026-03-02T00:45:00Z', {
		district: 'Xicheng',
		topic: '供暖'
	}),
	// 01:00 in Beijing: today, not in the last hour.
	ev.created('t3c', 't3', 'general', '2026-03-01T17:00:00Z', { topic: '噪音扰民' }),
	// 23:00 yesterday in Beijing: not today.
	ev.created('t4c', 't4', 'general', '2026-03-01T15:00:00Z', { topic: '供暖' }),
	// No topic: counted for its district, not among the topics.
	ev.created('t5c', 't5', 'general', '2026-03-02T00:50:00Z')
];

function snapshot() {
	const m = createMetrics(DEFAULT_METRICS_CONFIG);
	m.applyAll([...calls, ...agents, ...tickets]);
	return m.snapshot(ms(NOW));
}

describe('contract v1.1 §7 figures, hand-worked', () => {
	it('callbacks: awaiting, the oldest of them, called back within 24 h', () => {
		const q = snapshot().calls.byQueue.general!;
		// Abandoned within (NOW − 24 h, NOW]: c1, c2, c7, c8 (c3 is 25 h 59 min old).
		expect(q.abandoned24h).toBe(4);
		// Of those without any call.callback: c1 and c8; the earliest abandoned.at is c8's.
		expect(q.abandonedAwaitingCallback).toBe(2);
		expect(q.oldestAwaitingCallbackAt).toBe('2026-03-01T02:05:00.000Z');
		// A call.callback within (NOW − 24 h, NOW]: c2 (00:50) and c7 (13:00 yesterday); c3's at
		// 2026-03-01T00:30Z is 24.5 h ago.
		expect(q.calledBack24h).toBe(2);
	});

	it('answer rate in one hour: the last hour repeats, the oldest hour leaves', () => {
		const q = snapshot().calls.byQueue.general!;
		// answered24h: c4, c5, c6 = 3; abandoned24h = 4; 3 / 7.
		expect(q.answered24h).toBe(3);
		expect(q.answerRate24h).toBeCloseTo(3 / 7, 12);
		// Leaving, (NOW − 24 h, NOW − 23 h] = (03-01 01:00Z, 02:00Z]: nothing answered, nothing
		// abandoned (c8 at 02:05Z stays). Repeating, (NOW − 1 h, NOW]: answered c5, c6; abandoned
		// c1, c2. answered' = 3 − 0 + 2 = 5, abandoned' = 4 − 0 + 2 = 6: 5 / 11.
		expect(q.answerRate24hIn1h).toBeCloseTo(5 / 11, 12);
	});

	it('staffing: Erlang C agents needed against agents on duty', () => {
		const s = snapshot();
		const q = s.calls.byQueue.general!;
		// Offered within (00:30Z, 01:00Z]: c1, c2, c5, c6. Ended within it with an answer: c5 (300 s),
		// c6 (240 s): AHT 270 s. A = 4 / 1800 · 270 = 0.6 Erlang; T = 15 s, G = 0.9.
		// N = 1: C = A = 0.6, SL = 1 − 0.6·e^(−0.4·15/270) = 0.4132.
		// N = 2: A²/2! · 2/1.4 = 0.257143; C = 0.257143 / (1 + 0.6 + 0.257143) = 0.138462;
		//        SL = 1 − 0.138462·e^(−1.4·15/270) = 1 − 0.138462·0.925171 = 0.8719 < 0.9.
		// N = 3: A³/3! · 3/2.4 = 0.045; C = 0.045 / (1 + 0.6 + 0.18 + 0.045) = 0.024658;
		//        SL = 1 − 0.024658·e^(−2.4·15/270) = 1 − 0.024658·0.875173 = 0.9784 ≥ 0.9.
		// On duty in the queue (latest state available/busy/wrap-up, team general): a1, a2 (a3 is
		// on a break, a4 in another team).
		expect(q.staffing).toEqual({
			offered30m: 4,
			ahtSeconds30m: 270,
			agentsNeeded: 3,
			agentsOnDuty: 2,
			gap: 1
		});
		// The hall: the same calls, every team's agents: a1, a2, a4.
		expect(s.calls.all.staffing).toEqual({
			offered30m: 4,
			ahtSeconds30m: 270,
			agentsNeeded: 3,
			agentsOnDuty: 3,
			gap: 0
		});
	});

	it('districts and topics: today, the last hour, most frequent first', () => {
		const t = snapshot().tickets;
		// Today (since 03-01T16:00Z): t1, t3, t5 in Dongcheng (the fixture's default), t2 in Xicheng;
		// in the last hour (after 00:00Z): t1, t5 and t2.
		expect(t.byDistrict.Dongcheng).toMatchObject({ createdToday: 3, createdLastHour: 2 });
		expect(t.byDistrict.Xicheng).toMatchObject({ createdToday: 1, createdLastHour: 1 });
		// 供暖: t1, t2 (t4 was yesterday), both in the last hour; 噪音扰民: t3, at 01:00 Beijing.
		expect(t.topicsToday).toEqual([
			{ topic: '供暖', count: 2, lastHour: 2 },
			{ topic: '噪音扰民', count: 1, lastHour: 0 }
		]);
	});
});
