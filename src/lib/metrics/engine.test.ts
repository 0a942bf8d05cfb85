/**
 * Hand-worked scenarios for the metrics engine. Every expected number can be checked by reading
 * the events above it; times are UTC, Asia/Shanghai is UTC+8 (no DST), so local midnight of
 * 2026-03-02 is 2026-03-01T16:00:00Z.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import type { CallSeries, MinuteStats, QueueStats } from '../contract/snapshot';
import { ev, ms, type At } from '../../../tests/fixtures/events';
import {
	DEFAULT_METRICS_CONFIG,
	LIVE_WINDOW_MS,
	SURVEY_WINDOW_MS,
	validateMetricsConfig,
	type MetricsConfig
} from './config';
import type { LiveSnapshot } from '../contract/snapshot';
import { createMetrics } from './engine';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = '2026-03-02T01:00:00.000Z'; // 09:00 in Beijing

function engine(config: Partial<MetricsConfig> = {}) {
	return createMetrics({ ...DEFAULT_METRICS_CONFIG, ...config });
}

function run(events: WallboardEvent[], now: At, config: Partial<MetricsConfig> = {}): LiveSnapshot {
	const m = engine(config);
	m.applyAll(events);
	return m.snapshot(ms(now));
}

const ZERO_QUEUE: QueueStats = {
	waiting: 0,
	longestWaitSeconds: 0,
	offeredToday: 0,
	answeredToday: 0,
	abandonedToday: 0,
	answeredWithinTargetToday: 0,
	serviceLevelToday: null,
	asaSecondsToday: null,
	abandonRateToday: null,
	answered24h: 0,
	abandoned24h: 0,
	answerRate24h: null,
	abandonedAwaitingCallback: 0,
	oldestAwaitingCallbackAt: null,
	calledBack24h: 0,
	answerRate24hIn1h: null,
	staffing: { offered30m: 0, ahtSeconds30m: null, agentsNeeded: null, agentsOnDuty: 0, gap: null }
};

/**
 * The 120 minutes ending with the minute of `now`, all zero but for `minutes` (keyed 'HH:mm',
 * UTC, on the day of `now` or the day before).
 */
function seriesAt(now: At, minutes: Record<string, Partial<MinuteStats>> = {}): CallSeries {
	const last = Math.floor(ms(now) / 60_000);
	const series: CallSeries = {};
	for (let m = last - 119; m <= last; m++) {
		const key = `${new Date(m * 60_000).toISOString().slice(0, 16)}Z`;
		series[key] = {
			waiting: 0,
			answeredWithinTarget: 0,
			answeredAfterTarget: 0,
			abandoned: 0,
			...minutes[key.slice(11, 16)]
		};
	}
	return series;
}

describe('an empty engine', () => {
	it('reports every field: zeros, nulls, all category and agent keys', () => {
		expect(run([], NOW)).toStrictEqual({
			at: '2026-03-02T01:00:00.000Z',
			timezone: 'Asia/Shanghai',
			businessDay: '2026-03-02',
			calls: { all: ZERO_QUEUE, byQueue: {}, series: seriesAt(NOW) },
			agents: { available: 0, busy: 0, wrapup: 0, break: 0, offline: 0 },
			tickets: {
				pending: { emergency: 0, livelihood: 0, general: 0 },
				overdue: { emergency: 0, livelihood: 0, general: 0 },
				overdueList: [],
				dispatchedToday: 0,
				dispatchedOnTimeToday: 0,
				survey30d: {
					surveyed: 0,
					responseRate: null,
					resolutionRate: null,
					satisfactionRate: null
				},
				nextDeadlineAt: {},
				byDistrict: {},
				topicsToday: []
			}
		});
	});
});

describe('a morning in Beijing (every snapshot field)', () => {
	const config = { serviceLevelTargetByQueueMs: { water: 30_000 } };
	const PII = {
		summary: 'Burst pipe at home',
		callerName: 'Wang Fang',
		callerPhone: '13800138000'
	};
	const events: WallboardEvent[] = [
		// c0 yesterday 18:00 local: in the 24 h window, not today. Wait 12 s.
		ev.offered('e01', 'c0', 'hotline', '2026-03-01T10:00:00Z'),
		ev.answered('e02', 'c0', '2026-03-01T10:00:12Z'),
		ev.ended('e03', 'c0', '2026-03-01T10:05:00Z'),
		// hotline today: c1 wait 10 s (within 15 s), c2 wait 20 s (not), c3 abandoned, c6 waiting 30 s.
		ev.offered('e04', 'c1', 'hotline', '2026-03-02T00:10:00Z'),
		ev.answered('e05', 'c1', '2026-03-02T00:10:10Z'),
		ev.ended('e06', 'c1', '2026-03-02T00:15:00Z'),
		ev.offered('e07', 'c2', 'hotline', '2026-03-02T00:20:00Z'),
		ev.answered('e08', 'c2', '2026-03-02T00:20:20Z'),
		ev.offered('e09', 'c3', 'hotline', '2026-03-02T00:30:00Z'),
		ev.abandoned('e10', 'c3', '2026-03-02T00:30:40Z'),
		ev.offered('e11', 'c6', 'hotline', '2026-03-02T00:59:30Z'),
		// water (target 30 s): c4 wait 25 s (within), c5 waiting 60 s.
		ev.offered('e12', 'c4', 'water', '2026-03-02T00:40:00Z'),
		ev.answered('e13', 'c4', '2026-03-02T00:40:25Z'),
		ev.offered('e14', 'c5', 'water', '2026-03-02T00:59:00Z'),
		// c9 answered but never offered: counts nowhere.
		ev.answered('e15', 'c9', '2026-03-02T00:50:00Z'),
		// agents: the latest state of each.
		ev.agent('e20', 'a1', 'available', '2026-03-02T00:00:00Z'),
		ev.agent('e21', 'a1', 'busy', '2026-03-02T00:40:00Z'),
		ev.agent('e22', 'a2', 'break', '2026-03-02T00:30:00Z'),
		ev.agent('e23', 'a3', 'busy', '2026-03-02T00:20:00Z'),
		ev.agent('e24', 'a3', 'offline', '2026-03-02T00:50:00Z'),
		ev.agent('e25', 'a4', 'wrapup', '2026-03-02T00:45:00Z'),
		ev.agent('e26', 'a5', 'available', '2026-03-02T00:05:00Z'),
		ev.agent('e27', 'a6', 'available', '2026-03-02T00:06:00Z'),
		// t1 emergency, deadline 00:30Z: 1800 s overdue. t2 livelihood, deadline 00:00Z: 3600 s.
		ev.created('e30', 't1', 'emergency', '2026-03-01T23:30:00Z', {
			kind: 'report',
			district: 'Chaoyang',
			...PII
		}),
		ev.created('e31', 't2', 'livelihood', '2026-03-01T22:00:00Z', {
			kind: 'help',
			district: 'Haidian'
		}),
		// t3 general, deadline 2026-03-02T02:00Z: pending, not overdue.
		ev.created('e32', 't3', 'general', '2026-03-01T02:00:00Z'),
		// t4 dispatched today on time (deadline 01:10Z); t5 today (07:00 local) but late (22:00Z).
		ev.created('e33', 't4', 'emergency', '2026-03-02T00:10:00Z'),
		ev.dispatched('e34', 't4', '2026-03-02T00:50:00Z'),
		ev.feedback('e35', 't4', 'resolved', '2026-03-02T00:58:00Z'),
		ev.created('e36', 't5', 'livelihood', '2026-03-01T20:00:00Z'),
		ev.dispatched('e37', 't5', '2026-03-01T23:00:00Z'),
		// t6 dispatched yesterday (18:00 local); t7 dispatched but never created.
		ev.created('e38', 't6', 'general', '2026-02-28T00:00:00Z'),
		ev.dispatched('e39', 't6', '2026-03-01T10:00:00Z'),
		ev.dispatched('e40', 't7', '2026-03-02T00:20:00Z'),
		// surveys in (now − 30 d, now] = (2026-01-31T01:00Z, now]: t4, t5, t6, t8; t9 is older.
		ev.survey(
			'e50',
			't4',
			{ responded: true, resolved: true, satisfied: true },
			'2026-03-02T00:59:00Z'
		),
		ev.survey(
			'e51',
			't5',
			{ responded: true, resolved: false, satisfied: true },
			'2026-03-02T00:30:00Z'
		),
		ev.survey(
			'e52',
			't6',
			{ responded: false, resolved: false, satisfied: false },
			'2026-03-01T12:00:00Z'
		),
		ev.survey(
			'e53',
			't8',
			{ responded: true, resolved: true, satisfied: false },
			'2026-02-10T00:00:00Z'
		),
		ev.survey(
			'e54',
			't9',
			{ responded: true, resolved: true, satisfied: true },
			'2026-01-30T00:00:00Z'
		)
	];

	const expected: LiveSnapshot = {
		at: '2026-03-02T01:00:00.000Z',
		timezone: 'Asia/Shanghai',
		businessDay: '2026-03-02',
		calls: {
			all: {
				waiting: 2, // c5, c6
				longestWaitSeconds: 60, // c5
				offeredToday: 6, // c1 c2 c3 c6 c4 c5
				answeredToday: 3, // c1 c2 c4
				abandonedToday: 1, // c3
				answeredWithinTargetToday: 2, // c1 (10 ≤ 15), c4 (25 ≤ 30, water's own target)
				serviceLevelToday: 0.5, // 2 / (3 + 1)
				asaSecondsToday: 55_000 / 3 / 1000, // (10 + 20 + 25) s / 3
				abandonRateToday: 0.25, // 1 / (3 + 1)
				answered24h: 4, // c0 c1 c2 c4
				abandoned24h: 1,
				answerRate24h: 0.8, // 4 / 5
				abandonedAwaitingCallback: 1, // c3, no callback
				oldestAwaitingCallbackAt: '2026-03-02T00:30:40.000Z',
				calledBack24h: 0,
				// oldest hour (03-01 01:00Z, 02:00Z] holds nothing; last hour: c1 c2 c4 answered, c3
				// abandoned: (4 − 0 + 3) / (4 − 0 + 3 + 1 − 0 + 1) = 7 / 9
				answerRate24hIn1h: 7 / 9,
				// offered in (00:30Z, 01:00Z]: c4 c5 c6 (c3 at 00:30:00 is on the open end); nothing
				// ended in it, so no AHT; on duty: a1 busy, a4 wrapup, a5 a6 available
				staffing: {
					offered30m: 3,
					ahtSeconds30m: null,
					agentsNeeded: null,
					agentsOnDuty: 4,
					gap: null
				}
			},
			byQueue: {
				hotline: {
					waiting: 1,
					longestWaitSeconds: 30,
					offeredToday: 4,
					answeredToday: 2,
					abandonedToday: 1,
					answeredWithinTargetToday: 1,
					serviceLevelToday: 1 / 3,
					asaSecondsToday: 15, // (10 + 20) / 2
					abandonRateToday: 1 / 3,
					answered24h: 3,
					abandoned24h: 1,
					answerRate24h: 0.75,
					abandonedAwaitingCallback: 1,
					oldestAwaitingCallbackAt: '2026-03-02T00:30:40.000Z',
					calledBack24h: 0,
					answerRate24hIn1h: 5 / 7, // (3 + 2) / (3 + 2 + 1 + 1)
					// c6; no agent carries a team, so none is on duty for a queue
					staffing: {
						offered30m: 1,
						ahtSeconds30m: null,
						agentsNeeded: null,
						agentsOnDuty: 0,
						gap: null
					}
				},
				water: {
					waiting: 1,
					longestWaitSeconds: 60,
					offeredToday: 2,
					answeredToday: 1,
					abandonedToday: 0,
					answeredWithinTargetToday: 1,
					serviceLevelToday: 1,
					asaSecondsToday: 25,
					abandonRateToday: 0,
					answered24h: 1,
					abandoned24h: 0,
					answerRate24h: 1,
					abandonedAwaitingCallback: 0,
					oldestAwaitingCallbackAt: null,
					calledBack24h: 0,
					answerRate24hIn1h: 1, // (1 + 1) / 2
					staffing: {
						offered30m: 2, // c4 c5
						ahtSeconds30m: null,
						agentsNeeded: null,
						agentsOnDuty: 0,
						gap: null
					}
				}
			},
			// Window 23:01Z–01:00Z: c0 lies before it. Minutes by answered.at / abandoned.at; c5 and
			// c6 wait from 00:59 on (c1–c4 stopped waiting within their offered minute).
			series: seriesAt(NOW, {
				'00:10': { answeredWithinTarget: 1 }, // c1, 10 s
				'00:20': { answeredAfterTarget: 1 }, // c2, 20 s > 15 s
				'00:30': { abandoned: 1 }, // c3
				'00:40': { answeredWithinTarget: 1 }, // c4, 25 s <= water's 30 s
				'00:59': { waiting: 2 }, // c5 (00:59:00), c6 (00:59:30)
				'01:00': { waiting: 2 }
			})
		},
		agents: { available: 2, busy: 1, wrapup: 1, break: 1, offline: 1 },
		tickets: {
			pending: { emergency: 1, livelihood: 1, general: 1 },
			overdue: { emergency: 1, livelihood: 1, general: 0 },
			overdueList: [
				{
					ticketId: 't2',
					category: 'livelihood',
					kind: 'help',
					district: 'Haidian',
					createdAt: '2026-03-01T22:00:00.000Z',
					deadlineAt: '2026-03-02T00:00:00.000Z',
					overdueSeconds: 3600
				},
				{
					ticketId: 't1',
					category: 'emergency',
					kind: 'report',
					district: 'Chaoyang',
					createdAt: '2026-03-01T23:30:00.000Z',
					deadlineAt: '2026-03-02T00:30:00.000Z',
					overdueSeconds: 1800
				}
			],
			dispatchedToday: 2, // t4, t5
			dispatchedOnTimeToday: 1, // t4
			survey30d: {
				surveyed: 4,
				responseRate: 0.75, // t4 t5 t8
				resolutionRate: 0.5, // t4 t8
				satisfactionRate: 0.5 // t4 t5
			},
			// t1 and t2 are overdue; t3 (general) is pending with its deadline ahead.
			nextDeadlineAt: { general: '2026-03-02T02:00:00.000Z' },
			// Today (local) began 03-01T16:00Z: t1 (07:30 local), t2 (06:00), t4, t5 (04:00); t3 and t6
			// are older. Dongcheng (the fixture's default) has t3 pending and the surveys of t4 t5 t6;
			// t8's ticket is unknown, so its survey counts for no district.
			byDistrict: {
				Chaoyang: {
					createdToday: 1,
					createdLastHour: 0,
					pending: 1,
					overdue: 1,
					survey30d: {
						surveyed: 0,
						responseRate: null,
						resolutionRate: null,
						satisfactionRate: null
					}
				},
				Dongcheng: {
					createdToday: 2, // t4 t5
					createdLastHour: 1, // t4 at 00:10Z
					pending: 1, // t3
					overdue: 0,
					survey30d: {
						surveyed: 3, // t4 t5 t6
						responseRate: 2 / 3, // t4 t5
						resolutionRate: 1 / 3, // t4
						satisfactionRate: 2 / 3 // t4 t5
					}
				},
				Haidian: {
					createdToday: 1,
					createdLastHour: 0,
					pending: 1,
					overdue: 1,
					survey30d: {
						surveyed: 0,
						responseRate: null,
						resolutionRate: null,
						satisfactionRate: null
					}
				}
			},
			topicsToday: []
		}
	};

	it('matches the hand-computed snapshot', () => {
		expect(run(events, NOW, config)).toStrictEqual(expected);
	});

	it('is the same in reverse order, interleaved, and with every event applied twice', () => {
		const odd = events.filter((_, i) => i % 2 === 1);
		const even = events.filter((_, i) => i % 2 === 0);
		expect(run([...events].reverse(), NOW, config)).toStrictEqual(expected);
		expect(run([...odd, ...even.reverse()], NOW, config)).toStrictEqual(expected);
		expect(run([...events, ...events.slice().reverse()], NOW, config)).toStrictEqual(expected);
	});

	it('never carries PII', () => {
		const json = JSON.stringify(run(events, NOW, config));
		for (const value of Object.values(PII)) expect(json).not.toContain(value);
	});

	it('reports its record counts', () => {
		const m = engine(config);
		m.applyAll(events);
		// calls c0–c6 and c9; tickets t1–t7; agents a1–a6; surveys t4 t5 t6 t8 t9.
		expect(m.stats).toStrictEqual({ calls: 8, tickets: 7, agents: 6, surveys: 5 });
	});
});

describe('business day rollover in Asia/Shanghai', () => {
	const cases: Array<{ name: string; offeredAt: At; now: At; day: string; offeredToday: number }> =
		[
			{
				name: '23:59:59 local counts yesterday',
				offeredAt: '2026-03-01T15:59:59Z',
				now: '2026-03-01T16:30:00Z',
				day: '2026-03-02',
				offeredToday: 0
			},
			{
				name: '00:00:00 local counts today',
				offeredAt: '2026-03-01T16:00:00Z',
				now: '2026-03-01T16:30:00Z',
				day: '2026-03-02',
				offeredToday: 1
			},
			{
				name: 'seen from 23:59:59.999 local, 23:59:59 is today',
				offeredAt: '2026-03-01T15:59:59Z',
				now: '2026-03-01T15:59:59.999Z',
				day: '2026-03-01',
				offeredToday: 1
			}
		];

	const savedTz = process.env.TZ;
	afterEach(() => {
		if (savedTz === undefined) delete process.env.TZ;
		else process.env.TZ = savedTz;
	});

	for (const serverTz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
		it.each(cases)(`$name (server TZ=${serverTz})`, ({ offeredAt, now, day, offeredToday }) => {
			process.env.TZ = serverTz;
			const s = run([ev.offered('e1', 'c1', 'hotline', offeredAt)], now);
			expect(s.businessDay).toBe(day);
			expect(s.calls.all.offeredToday).toBe(offeredToday);
			expect(s.calls.all.waiting).toBe(1);
		});
	}

	it('a call offered before midnight and answered after counts as answered today only', () => {
		const events = [
			ev.offered('e1', 'c1', 'hotline', '2026-03-01T15:59:50Z'),
			ev.answered('e2', 'c1', '2026-03-01T16:00:05Z') // wait 15 s: exactly the target
		];
		expect(run(events, '2026-03-01T16:30:00Z').calls.all).toMatchObject({
			offeredToday: 0,
			answeredToday: 1,
			answeredWithinTargetToday: 1,
			serviceLevelToday: 1,
			asaSecondsToday: 15
		});
		// Seen at 23:59:59 local the answer has not happened yet in the same day: only offered.
		expect(run(events, '2026-03-01T15:59:59Z').calls.all).toMatchObject({
			offeredToday: 1,
			answeredToday: 0
		});
	});

	it('dispatches roll over at local midnight too', () => {
		const events = [
			ev.created('e1', 't1', 'general', '2026-03-01T10:00:00Z'),
			ev.dispatched('e2', 't1', '2026-03-01T15:59:59.999Z'),
			ev.created('e3', 't2', 'general', '2026-03-01T10:00:00Z'),
			ev.dispatched('e4', 't2', '2026-03-01T16:00:00Z')
		];
		expect(run(events, '2026-03-01T17:00:00Z').tickets.dispatchedToday).toBe(1);
		expect(run(events, '2026-03-01T15:59:59.999Z').tickets.dispatchedToday).toBe(1);
	});
});

describe('Europe/Berlin across daylight-saving changes', () => {
	const config = { timezone: 'Europe/Berlin' };
	const offers = (times: At[]) => times.map((t, i) => ev.offered(`e${i}`, `c${i}`, 'hotline', t));

	it.each([
		{
			name: 'spring forward: 2026-03-29 is 23 h (23:00Z to 22:00Z)',
			times: [
				'2026-03-28T22:59:59.999Z',
				'2026-03-28T23:00:00Z',
				'2026-03-29T21:59:59.999Z',
				'2026-03-29T22:00:00Z'
			],
			now: '2026-03-29T12:00:00Z',
			day: '2026-03-29'
		},
		{
			name: 'fall back: 2026-10-25 is 25 h (22:00Z to 23:00Z)',
			times: [
				'2026-10-24T21:59:59.999Z',
				'2026-10-24T22:00:00Z',
				'2026-10-25T22:59:59.999Z',
				'2026-10-25T23:00:00Z'
			],
			now: '2026-10-25T12:00:00Z',
			day: '2026-10-25'
		}
	])('$name: only the middle two offers are today', ({ times, now, day }) => {
		const s = run(offers(times), now, config);
		expect(s.timezone).toBe('Europe/Berlin');
		expect(s.businessDay).toBe(day);
		expect(s.calls.all.offeredToday).toBe(2);
	});

	it('on the 25 h day an answer from the first hour is today but outside the 24 h window', () => {
		const events = [
			ev.offered('e1', 'c1', 'hotline', '2026-10-24T21:59:55Z'),
			ev.answered('e2', 'c1', '2026-10-24T22:00:00Z') // 00:00 local on the 25th
		];
		expect(run(events, '2026-10-25T22:59:00Z', config).calls.all).toMatchObject({
			answeredToday: 1,
			answered24h: 0,
			answerRate24h: null
		});
	});
});

describe('the 24 h window (now − 24 h, now]', () => {
	const now = ms(NOW);
	it.each([
		{ name: 'exactly now − 24 h is out', at: now - DAY, count: 0 },
		{ name: 'now − 24 h + 1 ms is in', at: now - DAY + 1, count: 1 },
		{ name: 'now is in', at: now, count: 1 },
		{ name: 'now + 1 ms (clock skew) is not yet in', at: now + 1, count: 0 }
	])('$name', ({ at, count }) => {
		const answered = run(
			[ev.offered('e1', 'c1', 'hotline', at - 5000), ev.answered('e2', 'c1', at)],
			now
		);
		expect(answered.calls.all.answered24h).toBe(count);
		expect(answered.calls.byQueue.hotline?.answered24h).toBe(count);
		expect(answered.calls.all.answerRate24h).toBe(count === 0 ? null : 1);
		const abandoned = run(
			[ev.offered('e1', 'c1', 'hotline', at - 5000), ev.abandoned('e2', 'c1', at)],
			now
		);
		expect(abandoned.calls.all.abandoned24h).toBe(count);
		expect(abandoned.calls.byQueue.hotline?.abandoned24h).toBe(count);
		expect(abandoned.calls.all.answerRate24h).toBe(count === 0 ? null : 0);
	});

	it('answerRate24h = answered / (answered + abandoned)', () => {
		const events = [
			ev.offered('e1', 'c1', 'hotline', now - DAY + 1),
			ev.answered('e2', 'c1', now - DAY + 1),
			ev.offered('e3', 'c2', 'hotline', now - DAY - 10),
			ev.abandoned('e4', 'c2', now - DAY), // out
			ev.offered('e5', 'c3', 'hotline', now - HOUR),
			ev.abandoned('e6', 'c3', now - HOUR + 1)
		];
		expect(run(events, now).calls.all).toMatchObject({
			answered24h: 1,
			abandoned24h: 1,
			answerRate24h: 0.5
		});
	});
});

describe('arithmetic of service level, ASA and abandon rate', () => {
	it.each([
		{
			name: 'only offered: every rate null',
			events: [ev.offered('e1', 'c1', 'q', '2026-03-02T00:00:00Z')],
			want: {
				serviceLevelToday: null,
				asaSecondsToday: null,
				abandonRateToday: null,
				answerRate24h: null
			}
		},
		{
			name: 'only abandoned: SL 0, ASA null, abandon rate 1, answer rate 0',
			events: [
				ev.offered('e1', 'c1', 'q', '2026-03-02T00:00:00Z'),
				ev.abandoned('e2', 'c1', '2026-03-02T00:00:30Z')
			],
			want: {
				serviceLevelToday: 0,
				asaSecondsToday: null,
				abandonRateToday: 1,
				answerRate24h: 0
			}
		},
		{
			name: 'waits 3 s, 15 s, 16 s and 1 abandoned: SL 2/4, ASA 34/3 s, abandon rate 1/4',
			events: [
				ev.offered('e1', 'c1', 'q', '2026-03-02T00:00:00Z'),
				ev.answered('e2', 'c1', '2026-03-02T00:00:03Z'),
				ev.offered('e3', 'c2', 'q', '2026-03-02T00:10:00Z'),
				ev.answered('e4', 'c2', '2026-03-02T00:10:15Z'),
				ev.offered('e5', 'c3', 'q', '2026-03-02T00:20:00Z'),
				ev.answered('e6', 'c3', '2026-03-02T00:20:16Z'),
				ev.offered('e7', 'c4', 'q', '2026-03-02T00:30:00Z'),
				ev.abandoned('e8', 'c4', '2026-03-02T00:31:00Z')
			],
			want: {
				answeredToday: 3,
				abandonedToday: 1,
				answeredWithinTargetToday: 2,
				serviceLevelToday: 0.5,
				asaSecondsToday: 34_000 / 3 / 1000,
				abandonRateToday: 0.25
			}
		},
		{
			name: 'an answer stamped before its offer waits 0 s',
			events: [
				ev.offered('e1', 'c1', 'q', '2026-03-02T00:00:10Z'),
				ev.answered('e2', 'c1', '2026-03-02T00:00:00Z')
			],
			want: { answeredWithinTargetToday: 1, asaSecondsToday: 0, serviceLevelToday: 1 }
		}
	])('$name', ({ events, want }) => {
		const s = run(events, NOW);
		expect(s.calls.all).toMatchObject(want);
		expect(s.calls.byQueue.q).toStrictEqual(s.calls.all);
	});
});

describe('per-queue service-level targets', () => {
	const config = { serviceLevelTargetByQueueMs: { water: 30_000, vip: 5000 } };
	it.each([
		{ queue: 'hotline', waitMs: 15_000, within: 1 },
		{ queue: 'hotline', waitMs: 15_001, within: 0 },
		{ queue: 'water', waitMs: 30_000, within: 1 },
		{ queue: 'water', waitMs: 30_001, within: 0 },
		{ queue: 'vip', waitMs: 5000, within: 1 },
		{ queue: 'vip', waitMs: 5001, within: 0 }
	])('$queue: wait $waitMs ms → within target $within', ({ queue, waitMs, within }) => {
		const offeredAt = ms('2026-03-02T00:00:00Z');
		const s = run(
			[ev.offered('e1', 'c1', queue, offeredAt), ev.answered('e2', 'c1', offeredAt + waitMs)],
			NOW,
			config
		);
		expect(s.calls.byQueue[queue]?.answeredWithinTargetToday).toBe(within);
		expect(s.calls.all.answeredWithinTargetToday).toBe(within);
	});

	it('the all row counts each call against its own queue target', () => {
		const t = ms('2026-03-02T00:00:00Z');
		const events = [
			ev.offered('e1', 'c1', 'hotline', t),
			ev.answered('e2', 'c1', t + 20_000), // 20 s > 15 s
			ev.offered('e3', 'c2', 'water', t),
			ev.answered('e4', 'c2', t + 20_000), // 20 s ≤ 30 s
			ev.offered('e5', 'c3', 'vip', t),
			ev.answered('e6', 'c3', t + 4000) // 4 s ≤ 5 s
		];
		const s = run(events, NOW, config);
		expect(s.calls.all.answeredWithinTargetToday).toBe(2);
		expect(s.calls.all.serviceLevelToday).toBe(2 / 3);
		expect(Object.keys(s.calls.byQueue)).toEqual(['hotline', 'vip', 'water']);
	});
});

describe('answered wins over abandoned', () => {
	const t = ms('2026-03-02T00:00:00Z');
	it.each([
		{ name: 'abandoned after answered', answeredAt: t + 10_000, abandonedAt: t + 30_000 },
		{ name: 'abandoned before answered', answeredAt: t + 20_000, abandonedAt: t + 5000 }
	])('$name, in either arrival order', ({ answeredAt, abandonedAt }) => {
		const events = [
			ev.offered('e1', 'c1', 'q', t),
			ev.answered('e2', 'c1', answeredAt),
			ev.abandoned('e3', 'c1', abandonedAt)
		];
		for (const order of [events, [...events].reverse()]) {
			expect(run(order, NOW).calls.all).toMatchObject({
				waiting: 0,
				answeredToday: 1,
				abandonedToday: 0,
				answered24h: 1,
				abandoned24h: 0,
				abandonRateToday: 0
			});
		}
	});
});

describe('out-of-order arrival ends in the natural-order state', () => {
	it('answered before offered', () => {
		const m = engine();
		m.apply(ev.answered('e2', 'c1', '2026-03-02T00:00:12Z'));
		expect(m.snapshot(ms(NOW)).calls.all).toStrictEqual(ZERO_QUEUE); // no offer: counts nowhere
		expect(m.snapshot(ms(NOW)).calls.byQueue).toStrictEqual({});
		m.apply(ev.offered('e1', 'c1', 'hotline', '2026-03-02T00:00:00Z'));
		expect(m.snapshot(ms(NOW))).toStrictEqual(
			run(
				[
					ev.offered('e1', 'c1', 'hotline', '2026-03-02T00:00:00Z'),
					ev.answered('e2', 'c1', '2026-03-02T00:00:12Z')
				],
				NOW
			)
		);
		expect(m.snapshot(ms(NOW)).calls.all).toMatchObject({
			waiting: 0,
			answeredToday: 1,
			asaSecondsToday: 12
		});
	});

	it('dispatched before created', () => {
		const m = engine();
		m.apply(ev.dispatched('e2', 't1', '2026-03-02T00:30:00Z'));
		expect(m.snapshot(ms(NOW)).tickets.dispatchedToday).toBe(0);
		m.apply(ev.created('e1', 't1', 'emergency', '2026-03-02T00:00:00Z'));
		expect(m.snapshot(ms(NOW)).tickets).toMatchObject({
			pending: { emergency: 0, livelihood: 0, general: 0 },
			dispatchedToday: 1,
			dispatchedOnTimeToday: 1
		});
	});

	it('a re-survey replaces the earlier one whichever arrives first', () => {
		const first = ev.survey(
			's1',
			't1',
			{ responded: true, resolved: false, satisfied: false },
			'2026-03-01T00:00:00Z'
		);
		const second = ev.survey(
			's2',
			't1',
			{ responded: true, resolved: true, satisfied: true },
			'2026-03-01T06:00:00Z'
		);
		for (const order of [
			[first, second],
			[second, first]
		]) {
			expect(run(order, NOW).tickets.survey30d).toStrictEqual({
				surveyed: 1,
				responseRate: 1,
				resolutionRate: 1,
				satisfactionRate: 1
			});
		}
	});

	it('the earliest offer wins, moving the call between queues', () => {
		const late = ev.offered('e2', 'c1', 'water', '2026-03-02T00:05:00Z');
		const early = ev.offered('e1', 'c1', 'hotline', '2026-03-02T00:00:00Z');
		const s = run([late, early], NOW);
		expect(s.calls.byQueue.hotline).toMatchObject({ waiting: 1, offeredToday: 1 });
		expect(s.calls.byQueue.water).toStrictEqual(ZERO_QUEUE); // known queue, nothing in it
		expect(s.calls.all).toMatchObject({ waiting: 1, offeredToday: 1, longestWaitSeconds: 3600 });
		expect(run([early, late], NOW)).toStrictEqual(s);
	});

	it('the earliest created and dispatched win; ties on at go to the smaller id', () => {
		const events = [
			ev.created('e2', 't1', 'general', '2026-03-02T00:00:00Z'),
			ev.created('e1', 't1', 'emergency', '2026-03-02T00:00:00Z'), // same at, smaller id
			ev.dispatched('e4', 't1', '2026-03-02T00:59:00Z'),
			ev.dispatched('e3', 't1', '2026-03-02T01:30:00Z')
		];
		for (const order of [events, [...events].reverse()]) {
			// emergency deadline 01:00Z; the earliest dispatch (00:59Z) is on time.
			expect(run(order, '2026-03-02T02:00:00Z').tickets).toMatchObject({
				pending: { emergency: 0, livelihood: 0, general: 0 },
				dispatchedToday: 1,
				dispatchedOnTimeToday: 1
			});
		}
	});
});

describe('waiting calls', () => {
	it('stay waiting however old, and a future offer waits 0 s', () => {
		const now = ms(NOW);
		const old = ev.offered('e1', 'c1', 'hotline', now - 3 * DAY);
		const future = ev.offered('e2', 'c2', 'hotline', now + 60_000);
		expect(run([future], now).calls.all).toMatchObject({ waiting: 1, longestWaitSeconds: 0 });
		expect(run([old, future], now).calls.all).toMatchObject({
			waiting: 2,
			longestWaitSeconds: 259_200
		});
	});

	it('longestWaitSeconds is floored', () => {
		const now = ms(NOW);
		const s = run([ev.offered('e1', 'c1', 'q', now - 1999)], now);
		expect(s.calls.all.longestWaitSeconds).toBe(1);
	});

	it('call.ended and ticket.feedback do not change the snapshot', () => {
		const base = [ev.offered('e1', 'c1', 'q', '2026-03-02T00:00:00Z')];
		const more = [
			...base,
			ev.ended('e2', 'c1', '2026-03-02T00:10:00Z'),
			ev.feedback('e3', 't1', 'unresolvable', '2026-03-02T00:20:00Z')
		];
		expect(run(more, NOW)).toStrictEqual(run(base, NOW));
	});
});

describe('agents', () => {
	it('count by the latest (at, id) state; ties on at go to the larger id', () => {
		const events = [
			ev.agent('e1', 'a1', 'available', '2026-03-02T00:00:00Z'),
			ev.agent('e2', 'a1', 'busy', '2026-03-02T00:10:00Z'),
			ev.agent('e3', 'a1', 'wrapup', '2026-03-02T00:05:00Z'), // arrives late, older
			ev.agent('e4', 'a2', 'break', '2026-03-02T00:10:00Z'),
			ev.agent('e5', 'a2', 'offline', '2026-03-02T00:10:00Z') // same at, larger id: wins
		];
		for (const order of [events, [...events].reverse()]) {
			expect(run(order, NOW).agents).toStrictEqual({
				available: 0,
				busy: 1,
				wrapup: 0,
				break: 0,
				offline: 1
			});
		}
	});
});

describe('dispatch deadlines and overdue tickets', () => {
	const created = ms('2026-03-02T00:00:00Z');
	const deadline = created + HOUR; // emergency
	it.each([
		{ name: 'before the deadline', now: deadline - 1, overdue: 0, seconds: null },
		{ name: 'exactly at the deadline', now: deadline, overdue: 0, seconds: null },
		{ name: 'deadline + 1 ms', now: deadline + 1, overdue: 1, seconds: 0 },
		{ name: 'deadline + 999 ms', now: deadline + 999, overdue: 1, seconds: 0 },
		{ name: 'deadline + 1000 ms', now: deadline + 1000, overdue: 1, seconds: 1 },
		{ name: 'deadline + 1 h', now: deadline + HOUR, overdue: 1, seconds: 3600 }
	])('$name: overdue $overdue', ({ now, overdue, seconds }) => {
		const s = run([ev.created('e1', 't1', 'emergency', created)], now);
		expect(s.tickets.pending).toStrictEqual({ emergency: 1, livelihood: 0, general: 0 });
		expect(s.tickets.overdue).toStrictEqual({ emergency: overdue, livelihood: 0, general: 0 });
		expect(s.tickets.overdueList.map((t) => t.overdueSeconds)).toStrictEqual(
			seconds === null ? [] : [seconds]
		);
	});

	it('counts overdue seconds on whole seconds of now, so every entry ticks together', () => {
		// Deadlines at .400 and .900 of a second: both read 1 s from the next whole second on.
		const a = ms('2026-03-02T00:00:00.400Z');
		const b = ms('2026-03-02T00:00:00.900Z');
		const m = engine();
		m.applyAll([ev.created('e1', 'ta', 'emergency', a), ev.created('e2', 'tb', 'emergency', b)]);
		const seconds = (now: number) =>
			m.snapshot(now).tickets.overdueList.map((t) => t.overdueSeconds);
		expect(seconds(a + HOUR + 550)).toStrictEqual([0, 0]); // 01:00:00.950, b overdue by 50 ms
		expect(seconds(a + HOUR + 600)).toStrictEqual([1, 1]); // 01:00:01.000
		expect(seconds(a + HOUR + 1599)).toStrictEqual([1, 1]); // 01:00:01.999
		expect(seconds(a + HOUR + 1600)).toStrictEqual([2, 2]); // 01:00:02.000
	});

	it('nextDeadlineAt: the earliest deadline still ahead per category, absent when none', () => {
		const m = engine();
		m.applyAll([
			ev.created('e1', 'tE1', 'emergency', '2026-03-02T00:00:00Z'), // deadline 01:00Z
			ev.created('e2', 'tE2', 'emergency', '2026-03-02T00:20:00Z'), // deadline 01:20Z
			ev.created('e3', 'tL', 'livelihood', '2026-03-02T00:10:00Z'), // deadline 02:10Z
			ev.created('e4', 'tG', 'general', '2026-03-02T00:30:00Z'), // deadline 03-03 00:30Z
			ev.dispatched('e5', 'tG', '2026-03-02T00:40:00Z') // no longer pending
		]);
		const next = (at: At) => m.snapshot(ms(at)).tickets.nextDeadlineAt;
		expect(next('2026-03-02T00:50:00Z')).toStrictEqual({
			emergency: '2026-03-02T01:00:00.000Z',
			livelihood: '2026-03-02T02:10:00.000Z'
		});
		// At its deadline a ticket is not overdue yet; a millisecond later the next one counts.
		expect(next('2026-03-02T01:00:00Z')?.emergency).toBe('2026-03-02T01:00:00.000Z');
		expect(next('2026-03-02T01:00:00.001Z')?.emergency).toBe('2026-03-02T01:20:00.000Z');
		expect(next('2026-03-02T01:30:00Z')).toStrictEqual({
			livelihood: '2026-03-02T02:10:00.000Z'
		});
		expect(next('2026-03-02T03:00:00Z')).toStrictEqual({});
	});

	it('turns overdue by time alone, per category deadline', () => {
		const m = engine();
		m.applyAll([
			ev.created('e1', 'tE', 'emergency', created), // 1 h
			ev.created('e2', 'tL', 'livelihood', created), // 2 h
			ev.created('e3', 'tG', 'general', created) // 24 h
		]);
		const overdueAt = (t: number) => m.snapshot(t).tickets.overdue;
		expect(overdueAt(created + HOUR)).toStrictEqual({ emergency: 0, livelihood: 0, general: 0 });
		expect(overdueAt(created + 2 * HOUR)).toStrictEqual({
			emergency: 1,
			livelihood: 0,
			general: 0
		});
		expect(overdueAt(created + 2 * HOUR + 1)).toStrictEqual({
			emergency: 1,
			livelihood: 1,
			general: 0
		});
		expect(overdueAt(created + DAY + 1)).toStrictEqual({ emergency: 1, livelihood: 1, general: 1 });
	});

	it('uses configured deadlines', () => {
		const s = run([ev.created('e1', 't1', 'general', created)], created + 10 * 60_000 + 1, {
			dispatchDeadlineMs: { emergency: 60_000, livelihood: 120_000, general: 600_000 }
		});
		expect(s.tickets.overdue.general).toBe(1);
		expect(s.tickets.overdueList[0]?.deadlineAt).toBe('2026-03-02T00:10:00.000Z');
	});

	it.each([
		{ name: 'dispatched exactly at the deadline is on time', dispatchedAt: deadline, onTime: 1 },
		{ name: 'dispatched 1 ms after the deadline is late', dispatchedAt: deadline + 1, onTime: 0 }
	])('$name', ({ dispatchedAt, onTime }) => {
		const s = run(
			[ev.created('e1', 't1', 'emergency', created), ev.dispatched('e2', 't1', dispatchedAt)],
			deadline + HOUR
		);
		expect(s.tickets).toMatchObject({
			pending: { emergency: 0, livelihood: 0, general: 0 },
			overdue: { emergency: 0, livelihood: 0, general: 0 },
			overdueList: [],
			dispatchedToday: 1,
			dispatchedOnTimeToday: onTime
		});
	});

	it('lists the 50 most overdue, deadline then ticketId ascending', () => {
		// 60 overdue tickets; ticket i has deadline base + i min. Ids run backwards so that id order
		// and deadline order disagree. Plus two tickets sharing ticket 0's deadline.
		const base = ms('2026-03-02T00:00:00Z');
		const categories = ['emergency', 'livelihood', 'general'] as const;
		const deadlines = { emergency: HOUR, livelihood: 2 * HOUR, general: DAY };
		const events: WallboardEvent[] = [];
		for (let i = 0; i < 60; i++) {
			const category = categories[i % 3] ?? 'general';
			const createdAt = base + i * 60_000 - deadlines[category];
			events.push(ev.created(`e${i}`, `T${String(99 - i)}`, category, createdAt));
		}
		events.push(ev.created('x1', 'T99b', 'general', base - DAY)); // tie with T99
		events.push(ev.created('x2', 'T98z', 'livelihood', base - 2 * HOUR)); // tie, sorts first
		const now = base + 2 * HOUR;
		const s = run(events, now);
		expect(s.tickets.overdue).toStrictEqual({ emergency: 20, livelihood: 21, general: 21 });
		expect(s.tickets.overdueList).toHaveLength(50);
		const ids = s.tickets.overdueList.map((t) => t.ticketId);
		expect(ids.slice(0, 5)).toStrictEqual(['T98z', 'T99', 'T99b', 'T98', 'T97']);
		expect(ids.at(-1)).toBe('T52'); // i = 47
		expect(s.tickets.overdueList[0]).toStrictEqual({
			ticketId: 'T98z',
			category: 'livelihood',
			kind: 'help',
			district: 'Dongcheng',
			createdAt: '2026-03-01T22:00:00.000Z',
			deadlineAt: '2026-03-02T00:00:00.000Z',
			overdueSeconds: 7200
		});
		expect(s.tickets.overdueList.at(-1)?.overdueSeconds).toBe(7200 - 47 * 60);
	});
});

describe('the 30-day survey window (now − 30 d, now]', () => {
	const now = ms(NOW);
	const answers = { responded: true, resolved: false, satisfied: true };
	it.each([
		{ name: 'exactly now − 30 d is out', at: now - SURVEY_WINDOW_MS, surveyed: 0 },
		{ name: 'now − 30 d + 1 ms is in', at: now - SURVEY_WINDOW_MS + 1, surveyed: 1 },
		{ name: 'now + 1 ms is not yet in', at: now + 1, surveyed: 0 }
	])('$name', ({ at, surveyed }) => {
		const s = run([ev.survey('s1', 't1', answers, at)], now);
		expect(s.tickets.survey30d).toStrictEqual(
			surveyed === 0
				? { surveyed: 0, responseRate: null, resolutionRate: null, satisfactionRate: null }
				: { surveyed: 1, responseRate: 1, resolutionRate: 0, satisfactionRate: 1 }
		);
	});
});

describe('queue names', () => {
	it('are own keys, sorted, even when they look like Object.prototype members', () => {
		const s = run(
			[
				ev.offered('e1', 'c1', '__proto__', '2026-03-02T00:00:00Z'),
				ev.offered('e2', 'c2', 'constructor', '2026-03-02T00:00:00Z'),
				ev.answered('e3', 'c2', '2026-03-02T00:00:15Z')
			],
			NOW
		);
		expect(Object.keys(s.calls.byQueue)).toStrictEqual(['__proto__', 'constructor']);
		expect(Object.hasOwn(s.calls.byQueue, '__proto__')).toBe(true);
		const byQueue = new Map(Object.entries(s.calls.byQueue));
		expect(byQueue.get('constructor')?.answeredWithinTargetToday).toBe(1); // default 15 s target
	});
});

describe('prune', () => {
	const now = ms(NOW);
	const events: WallboardEvent[] = [
		// Two days ago, finished: dropped.
		ev.offered('o1', 'old', 'hotline', now - 2 * DAY),
		ev.answered('o2', 'old', now - 2 * DAY + 9000),
		ev.ended('o3', 'old', now - 2 * DAY + 60_000),
		// Two days ago, still waiting: kept.
		ev.offered('o4', 'stuck', 'hotline', now - 2 * DAY),
		// 25 h ago: inside the live window, kept.
		ev.offered('o5', 'recent', 'water', now - 25 * HOUR),
		ev.abandoned('o6', 'recent', now - 25 * HOUR + 5000),
		// Today.
		ev.offered('o7', 'today', 'water', now - HOUR),
		ev.answered('o8', 'today', now - HOUR + 3000),
		// Tickets: old dispatched (dropped), old pending (kept), dispatched today (kept).
		ev.created('o10', 'tOld', 'general', now - 3 * DAY),
		ev.dispatched('o11', 'tOld', now - 2 * DAY),
		ev.created('o12', 'tPending', 'general', now - 3 * DAY),
		ev.created('o13', 'tToday', 'emergency', now - 2 * HOUR),
		ev.dispatched('o14', 'tToday', now - 30 * 60_000),
		// Surveys: 31 days ago (dropped), 29 days ago (kept).
		ev.survey('o20', 'tOld', { responded: true, resolved: true, satisfied: true }, now - 31 * DAY),
		ev.survey(
			'o21',
			'tToday',
			{ responded: true, resolved: false, satisfied: false },
			now - 29 * DAY
		),
		ev.agent('o30', 'a1', 'busy', now - 3 * DAY)
	];
	const later = [0, 1, 999, HOUR, 23 * HOUR, DAY, DAY + 1, 26 * HOUR, 3 * DAY, 31 * DAY];

	it('drops only what can never count again: snapshot(t) is unchanged for every t >= now', () => {
		const pruned = engine();
		pruned.applyAll(events);
		pruned.prune(now);
		const full = engine();
		full.applyAll(events);
		expect(pruned.stats).toStrictEqual({ calls: 3, tickets: 2, agents: 1, surveys: 1 });
		expect(full.stats).toStrictEqual({ calls: 4, tickets: 3, agents: 1, surveys: 2 });
		for (const dt of later)
			expect(pruned.snapshot(now + dt)).toStrictEqual(full.snapshot(now + dt));
	});

	it('keeps handling later events exactly, and pruning twice changes nothing more', () => {
		const more = [
			ev.answered('m1', 'stuck', now + 1000), // the 2-day-old waiting call is finally answered
			ev.dispatched('m2', 'tPending', now + 2000),
			ev.survey('m3', 'tOld', { responded: false, resolved: false, satisfied: false }, now + 3000)
		];
		const pruned = engine();
		pruned.applyAll(events);
		pruned.prune(now);
		pruned.prune(now - DAY); // an older now moves nothing back
		pruned.applyAll(more);
		pruned.prune(now);
		const full = engine();
		full.applyAll([...events, ...more]);
		for (const dt of later) {
			expect(pruned.snapshot(now + 5000 + dt)).toStrictEqual(full.snapshot(now + 5000 + dt));
		}
		expect(pruned.snapshot(now + 5000).calls.byQueue.hotline).toMatchObject({
			waiting: 0,
			answeredToday: 1,
			// A wait counts 24 h at most (rules.ts MAX_CALL_DURATION_MS): not 2 days + 1 s.
			asaSecondsToday: DAY / 1000
		});
	});

	it('stays exact when a late event older than the horizon reaches a kept record', () => {
		const kept = [
			ev.offered('k1', 'k', 'hotline', now - 27 * HOUR),
			ev.abandoned('k2', 'k', now - 26 * HOUR - 1000), // its 24 h entry is pruned
			ev.ended('k3', 'k', now - HOUR) // keeps the record
		];
		const late = ev.answered('k4', 'k', now - 26 * HOUR - 2000); // answered wins over abandoned
		const pruned = engine();
		pruned.applyAll(kept);
		pruned.prune(now);
		expect(pruned.stats.calls).toBe(1);
		pruned.apply(late);
		const full = engine();
		full.applyAll([...kept, late]);
		for (const dt of later)
			expect(pruned.snapshot(now + dt)).toStrictEqual(full.snapshot(now + dt));
	});

	it('uses the documented horizons', () => {
		expect(LIVE_WINDOW_MS).toBe(26 * HOUR);
		expect(SURVEY_WINDOW_MS).toBe(30 * DAY);
	});
});

describe('configuration', () => {
	it('has the contract defaults', () => {
		expect(DEFAULT_METRICS_CONFIG).toStrictEqual({
			timezone: 'Asia/Shanghai',
			serviceLevelTargetMs: 15_000,
			serviceLevelTargetByQueueMs: {},
			dispatchDeadlineMs: { emergency: 3_600_000, livelihood: 7_200_000, general: 86_400_000 },
			serviceLevelGoal: 0.9
		});
		expect(validateMetricsConfig(DEFAULT_METRICS_CONFIG)).toBe(DEFAULT_METRICS_CONFIG);
	});

	it.each([
		[{ timezone: 'Asia/Beijing' }, /timezone.*"Asia\/Beijing"/],
		[{ timezone: '' }, /timezone/],
		[{ serviceLevelTargetMs: 0 }, /serviceLevelTargetMs.*got 0/],
		[{ serviceLevelTargetMs: -15_000 }, /serviceLevelTargetMs.*got -15000/],
		[{ serviceLevelTargetMs: Number.NaN }, /serviceLevelTargetMs.*NaN/],
		[{ serviceLevelTargetByQueueMs: { water: -1 } }, /serviceLevelTargetByQueueMs\["water"\].*-1/],
		[{ serviceLevelGoal: 0 }, /serviceLevelGoal.*got 0/],
		[{ serviceLevelGoal: 1 }, /serviceLevelGoal.*got 1/],
		[{ serviceLevelGoal: Number.NaN }, /serviceLevelGoal.*NaN/],
		[
			{ dispatchDeadlineMs: { emergency: 3_600_000, livelihood: 0, general: 86_400_000 } },
			/dispatchDeadlineMs\.livelihood.*got 0/
		]
	] as Array<[Partial<MetricsConfig>, RegExp]>)('rejects %o', (patch, message) => {
		const config = { ...DEFAULT_METRICS_CONFIG, ...patch };
		expect(() => validateMetricsConfig(config)).toThrow(message);
		expect(() => createMetrics(config)).toThrow(message);
	});

	it('rejects a non-finite now, naming it', () => {
		expect(() => engine().snapshot(Number.NaN)).toThrow(/now.*NaN/);
		expect(() => engine().prune(Number.POSITIVE_INFINITY)).toThrow(/now.*Infinity/);
	});
});
