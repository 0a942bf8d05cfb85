/** Hand-worked surge scans in Beijing (UTC+8): 02:30Z is 10:30 local. */
import { describe, expect, it } from 'vitest';
import { createLocalSlot } from './local-slot';
import {
	baselineSlots,
	scanSurges,
	windowSlots,
	yesterdaySoFar,
	type HourCell
} from './surge-scan';

const slotOf = createLocalSlot('Asia/Shanghai');
const AT = Date.parse('2026-03-02T02:30:00Z');
const WEEKS = ['2026-02-23', '2026-02-16', '2026-02-09', '2026-02-02'];
/** 6 tickets an hour at 09:00 and 10:00 on each of the four Mondays before. */
const steady = (district: string, topic: string, perHour = 6): HourCell[] =>
	WEEKS.flatMap((day) => [9, 10].map((hour) => ({ day, hour, district, topic, created: perHour })));

describe('windowSlots / baselineSlots', () => {
	it('10:30 reads half of 10:00 and half of 09:00', () => {
		expect(windowSlots(AT, slotOf)).toEqual([
			{ day: '2026-03-02', hour: 10, weight: 0.5, week: 0 },
			{ day: '2026-03-02', hour: 9, weight: 0.5, week: 0 }
		]);
	});
	it('00:15 reads a quarter of 00:00 and three quarters of 23:00 the day before', () => {
		expect(windowSlots(Date.parse('2026-03-01T16:15:00Z'), slotOf)).toEqual([
			{ day: '2026-03-02', hour: 0, weight: 0.25, week: 0 },
			{ day: '2026-03-01', hour: 23, weight: 0.75, week: 0 }
		]);
	});
	it('four weeks back, the same weekday and time', () => {
		expect(baselineSlots(AT, slotOf).map((s) => `${s.week} ${s.day} ${s.hour}`)).toEqual([
			'1 2026-02-23 10',
			'1 2026-02-23 9',
			'2 2026-02-16 10',
			'2 2026-02-16 9',
			'3 2026-02-09 10',
			'3 2026-02-09 9',
			'4 2026-02-02 10',
			'4 2026-02-02 9'
		]);
	});
});

describe('scanSurges', () => {
	const slots = baselineSlots(AT, slotOf);
	it('23 供暖 tickets in 朝阳区 against a steady 6: one surge, named at its most precise', () => {
		const found = scanSurges(
			[{ district: '朝阳区', topic: '供暖', count: 23 }],
			steady('朝阳区', '供暖'),
			slots
		);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({
			district: '朝阳区',
			topic: '供暖',
			count: 23,
			expected: 6,
			level: 'bad'
		});
		expect(found[0]?.pValue).toBeCloseTo(1.005e-7, 9);
	});
	it('a steady hour (7 against 6) gives nothing', () => {
		expect(
			scanSurges([{ district: '朝阳区', topic: '供暖', count: 7 }], steady('朝阳区', '供暖'), slots)
		).toEqual([]);
	});
	it('12 against 6 is not a surge (p = 0.020) but holds an active one (amber)', () => {
		const found = scanSurges(
			[{ district: '朝阳区', topic: '供暖', count: 12 }],
			steady('朝阳区', '供暖'),
			slots
		);
		// Equal p-values: by district ('' = city-wide first), then topic (none first).
		expect(found.map((f) => [f.district, f.topic, f.level])).toEqual([
			['', '供暖', 'warn'],
			['朝阳区', undefined, 'warn'],
			['朝阳区', '供暖', 'warn']
		]);
	});
	it('a district surge over mixed topics, none of which surges alone', () => {
		// Baseline 1/h in 海淀区 (topic ''); now 2 each of five topics + 2 without one = 12.
		const history = steady('海淀区', '', 1);
		const now = ['a', 'b', 'c', 'd', 'e', ''].map((topic) => ({
			district: '海淀区',
			topic,
			count: 2
		}));
		const found = scanSurges(now, history, slots);
		expect(found.map((f) => [f.district, f.topic, f.count, f.expected, f.level])).toEqual([
			['海淀区', undefined, 12, 1, 'bad']
		]);
	});
	it('no history: five in an hour is a surge, four is not (the minimum count)', () => {
		expect(
			scanSurges([{ district: '延庆区', topic: '停水', count: 5 }], [], slots).map((f) => f.level)
		).toEqual(['bad']);
		expect(scanSurges([{ district: '延庆区', topic: '停水', count: 4 }], [], slots)).toEqual([]);
	});
});

describe('yesterdaySoFar', () => {
	it('yesterday before 10:00 in full, half of 10:00, nothing later', () => {
		const cells: HourCell[] = [
			{ day: '2026-03-01', hour: 8, district: 'x', topic: '供暖', created: 5 },
			{ day: '2026-03-01', hour: 10, district: 'y', topic: '供暖', created: 4 },
			{ day: '2026-03-01', hour: 11, district: 'x', topic: '供暖', created: 9 },
			{ day: '2026-03-01', hour: 9, district: 'x', topic: '', created: 9 },
			{ day: '2026-02-28', hour: 8, district: 'x', topic: '供暖', created: 9 }
		];
		expect(yesterdaySoFar(AT, slotOf, cells)).toEqual({ 供暖: 7 });
	});
});
