import { describe, expect, it } from 'vitest';
import {
	dayTickLabel,
	intradayValues,
	lastActiveMinute,
	minuteLabel,
	trendMetricFrom
} from './trend';

describe('trend', () => {
	it('reads a bucket per 15 minutes, service level as a fraction, gaps where no calls', () => {
		const points = [
			{
				minute: 0,
				offered: 4,
				answered: 3,
				answeredWithinTarget: 3,
				abandoned: 1,
				waitSecondsSum: 9
			},
			{
				minute: 30,
				offered: 0,
				answered: 0,
				answeredWithinTarget: 0,
				abandoned: 0,
				waitSecondsSum: 0
			}
		];
		const sl = intradayValues(points, 'serviceLevel');
		expect(sl).toHaveLength(96);
		expect(sl.slice(0, 3)).toEqual([0.75, null, null]);
		expect(intradayValues(points, 'offered').slice(0, 3)).toEqual([4, 0, 0]);
	});

	it('stops a day still going on at its last bucket with calls', () => {
		const p = (minute: number, offered: number) => ({
			minute,
			offered,
			answered: offered,
			answeredWithinTarget: offered,
			abandoned: 0,
			waitSecondsSum: 0
		});
		const points = [p(0, 2), p(15, 0), p(30, 5), p(45, 0), p(60, 0)];
		expect(lastActiveMinute(points)).toBe(30);
		expect(lastActiveMinute([p(0, 0)])).toBe(-1);
		const values = intradayValues(points, 'offered', lastActiveMinute(points));
		expect(values.slice(0, 4)).toEqual([2, 0, 5, null]);
		expect(values.filter((v) => v !== null)).toHaveLength(3);
	});

	it('keeps a URL metric only when the chart can show it', () => {
		expect(trendMetricFrom('serviceLevel', true)).toBe('serviceLevel');
		expect(trendMetricFrom('onTimeRate', true)).toBe('offered');
		expect(trendMetricFrom('onTimeRate', false)).toBe('onTimeRate');
		expect(trendMetricFrom('bogus', false)).toBe('offered');
	});

	it('labels bucket starts', () => {
		expect([minuteLabel(0), minuteLabel(615), minuteLabel(1425)]).toEqual([
			'00:00',
			'10:15',
			'23:45'
		]);
	});
});

describe('dayTickLabel (issue 16 #11: the 3-year chart)', () => {
	it('carries the year when the range spans years', () => {
		expect(dayTickLabel('2025-01-01', '2023-12-01', '2026-11-30')).toBe('2025-01-01');
		expect(dayTickLabel('2026-01-02', '2025-12-29', '2026-01-04')).toBe('2026-01-02');
	});
	it('is month-day within one year', () => {
		expect(dayTickLabel('2026-11-24', '2026-11-24', '2026-11-30')).toBe('11-24');
	});
});
