/**
 * The per-minute series, on hand-worked scenarios. Times are UTC; NOW is 01:00:30Z, so the
 * window holds the 120 minutes 23:01Z (the day before) … 01:00Z.
 */
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import type { MinuteStats } from '../contract/snapshot';
import { ev, ms } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from './config';
import { createMetrics } from './engine';
import { createMinuteSeries, minuteKey, minuteOf } from './series';

const NOW = ms('2026-03-02T01:00:30Z');

function seriesOf(events: WallboardEvent[], now = NOW, pruneAt?: number) {
	const m = createMetrics({
		...DEFAULT_METRICS_CONFIG,
		serviceLevelTargetByQueueMs: { vip: 5000 }
	});
	m.applyAll(events);
	if (pruneAt !== undefined) m.prune(pruneAt);
	return m.snapshot(now).calls.series ?? {};
}

/** The minutes that are not all zero, keyed 'HH:mm'. */
function nonZero(series: Record<string, MinuteStats>) {
	return Object.fromEntries(
		Object.entries(series)
			.filter(([, s]) => Object.values(s).some((n) => n !== 0))
			.map(([key, s]) => [key.slice(11, 16), s])
	);
}

const z = { waiting: 0, answeredWithinTarget: 0, answeredAfterTarget: 0, abandoned: 0 };

describe('minute keys', () => {
	it.each([
		['2026-11-28T07:05:00.000Z', '2026-11-28T07:05Z'],
		['2026-11-28T07:05:59.999Z', '2026-11-28T07:05Z'],
		['1969-12-31T23:59:30.000Z', '1969-12-31T23:59Z']
	])('%s is in minute %s', (at, key) => {
		expect(minuteKey(minuteOf(ms(at)))).toBe(key);
	});
});

describe('calls.series', () => {
	it('holds exactly the 120 minutes ending with the current one, in order', () => {
		const keys = Object.keys(seriesOf([]));
		expect(keys).toHaveLength(120);
		expect(keys[0]).toBe('2026-03-01T23:01Z');
		expect(keys[119]).toBe('2026-03-02T01:00Z');
		expect(Object.values(seriesOf([]))).toStrictEqual(Array(120).fill(z));
	});

	it.each<[string, WallboardEvent[], Record<string, Partial<MinuteStats>>]>([
		[
			'answered within target (15 s) in the offered minute: no waiting at the minute end',
			[
				ev.offered('1', 'c1', 'q', '2026-03-02T00:10:50Z'),
				ev.answered('2', 'c1', '2026-03-02T00:10:59Z')
			],
			{ '00:10': { answeredWithinTarget: 1 } }
		],
		[
			'answered after target across a minute boundary: waiting at the end of 00:10 only',
			[
				ev.offered('1', 'c1', 'q', '2026-03-02T00:10:50Z'),
				ev.answered('2', 'c1', '2026-03-02T00:11:10Z')
			],
			{ '00:10': { waiting: 1 }, '00:11': { answeredAfterTarget: 1 } }
		],
		[
			"a queue's own target: 6 s is after vip's 5 s",
			[
				ev.offered('1', 'c1', 'vip', '2026-03-02T00:20:00Z'),
				ev.answered('2', 'c1', '2026-03-02T00:20:06Z')
			],
			{ '00:20': { answeredAfterTarget: 1 } }
		],
		[
			'abandoned after three minutes: waiting at the end of 00:30, 00:31, 00:32',
			[
				ev.offered('1', 'c1', 'q', '2026-03-02T00:30:10Z'),
				ev.abandoned('2', 'c1', '2026-03-02T00:33:00Z')
			],
			{
				'00:30': { waiting: 1 },
				'00:31': { waiting: 1 },
				'00:32': { waiting: 1 },
				'00:33': { abandoned: 1 }
			}
		],
		[
			'answered and abandoned: counts as answered (answered wins)',
			[
				ev.offered('1', 'c1', 'q', '2026-03-02T00:40:00Z'),
				ev.abandoned('2', 'c1', '2026-03-02T00:40:20Z'),
				ev.answered('3', 'c1', '2026-03-02T00:40:05Z')
			],
			{ '00:40': { answeredWithinTarget: 1 } }
		],
		[
			'still waiting since 00:58:10: waiting in 00:58, 00:59 and now (01:00)',
			[ev.offered('1', 'c1', 'q', '2026-03-02T00:58:10Z')],
			{ '00:58': { waiting: 1 }, '00:59': { waiting: 1 }, '01:00': { waiting: 1 } }
		],
		[
			'offered 3 h ago and still waiting: waiting in every minute of the window',
			[ev.offered('1', 'c1', 'q', '2026-03-01T22:00:00Z')],
			Object.fromEntries(Object.keys(seriesOf([])).map((k) => [k.slice(11, 16), { waiting: 1 }]))
		],
		[
			'answered before the window: nothing in it',
			[
				ev.offered('1', 'c1', 'q', '2026-03-01T22:00:00Z'),
				ev.answered('2', 'c1', '2026-03-01T23:00:59Z')
			],
			{}
		],
		[
			'waiting into the window from before it, answered at 23:02:30',
			[
				ev.offered('1', 'c1', 'q', '2026-03-01T22:00:00Z'),
				ev.answered('2', 'c1', '2026-03-01T23:02:30Z')
			],
			{ '23:01': { waiting: 1 }, '23:02': { answeredAfterTarget: 1 } }
		],
		[
			'an answer without its offer counts nowhere',
			[ev.answered('2', 'c1', '2026-03-02T00:50:00Z')],
			{}
		],
		[
			'an answer stamped before its offer (clock skew): wait 0, no waiting at all',
			[
				ev.offered('1', 'c1', 'q', '2026-03-02T00:50:10Z'),
				ev.answered('2', 'c1', '2026-03-02T00:49:50Z')
			],
			{ '00:49': { answeredWithinTarget: 1 } }
		],
		[
			'two calls in one minute add up',
			[
				ev.offered('1', 'c1', 'q', '2026-03-02T00:45:00Z'),
				ev.offered('2', 'c2', 'q', '2026-03-02T00:45:30Z'),
				ev.answered('3', 'c1', '2026-03-02T00:46:00Z'),
				ev.abandoned('4', 'c2', '2026-03-02T00:46:40Z')
			],
			{ '00:45': { waiting: 2 }, '00:46': { answeredAfterTarget: 1, abandoned: 1 } }
		]
	])('%s', (_, events, expected) => {
		const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, { ...z, ...v }]));
		expect(nonZero(seriesOf(events))).toStrictEqual(want);
		expect(nonZero(seriesOf([...events].reverse()))).toStrictEqual(want);
		expect(nonZero(seriesOf([...events, ...events]))).toStrictEqual(want);
	});

	it('is the same after prune, including waits that began before the pruned minutes', () => {
		const events = [
			ev.offered('1', 'c1', 'q', '2026-03-01T20:00:00Z'), // waits throughout
			ev.offered('2', 'c2', 'q', '2026-03-01T21:00:00Z'),
			ev.answered('3', 'c2', '2026-03-02T00:05:00Z')
		];
		const pruneAt = NOW - 10 * 60_000;
		for (const now of [NOW, NOW + 60_000, NOW + 3 * 3600_000]) {
			expect(seriesOf(events, now, pruneAt)).toStrictEqual(seriesOf(events, now));
		}
		// The answer arrives after the prune that folded c2's offered minute.
		const m = createMetrics(DEFAULT_METRICS_CONFIG);
		m.applyAll(events.slice(0, 2));
		m.prune(pruneAt);
		m.apply(events[2] as WallboardEvent);
		expect(m.snapshot(NOW).calls.series).toStrictEqual(seriesOf(events));
		expect(nonZero(seriesOf(events))['00:04']).toStrictEqual({ ...z, waiting: 2 });
		expect(nonZero(seriesOf(events))['00:05']).toStrictEqual({
			...z,
			waiting: 1,
			answeredAfterTarget: 1
		});
	});

	it('retracting a contribution leaves no trace', () => {
		const s = createMinuteSeries();
		const c = {
			offeredAt: ms('2026-03-02T00:10:00Z'),
			stoppedAt: ms('2026-03-02T00:12:00Z'),
			answeredAt: ms('2026-03-02T00:12:00Z'),
			withinTarget: false,
			abandonedAt: null
		};
		s.count(c, 1);
		s.count(c, -1);
		expect(s.snapshot(NOW)).toStrictEqual(createMinuteSeries().snapshot(NOW));
	});
});
