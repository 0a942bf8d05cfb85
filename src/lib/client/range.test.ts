import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checkRange,
	dayCount,
	defaultRange,
	endOfMonth,
	isDay,
	isoWeekday,
	parseRange,
	rangeAround,
	rangeQuery,
	shiftRange,
	startOfWeek,
	type DayRange
} from './range';

// 2026-11-28 is a Saturday.
const TODAY = '2026-11-28';
const q = (s: string) => new URLSearchParams(s);

describe('calendar helpers', () => {
	it.each([
		['2026-11-23', 1],
		['2026-11-28', 6],
		['2026-11-29', 7],
		['2024-02-29', 4]
	])('%s is ISO weekday %i', (day, wd) => expect(isoWeekday(day)).toBe(wd));

	it.each([
		['2026-11-28', '2026-11-23'],
		['2026-11-23', '2026-11-23'],
		['2026-11-29', '2026-11-23'],
		['2026-01-01', '2025-12-29'] // a Thursday: its week starts in the old year
	])('the week of %s starts on Monday %s', (day, monday) => expect(startOfWeek(day)).toBe(monday));

	it.each([
		['2026-02-10', '2026-02-28'],
		['2024-02-10', '2024-02-29'],
		['2026-12-31', '2026-12-31'],
		['2026-04-01', '2026-04-30']
	])('the month of %s ends on %s', (day, end) => expect(endOfMonth(day)).toBe(end));

	it('counts days inclusively, across month and year ends', () => {
		expect(dayCount('2026-11-28', '2026-11-28')).toBe(1);
		expect(dayCount('2026-11-23', '2026-11-29')).toBe(7);
		expect(dayCount('2025-12-30', '2026-01-02')).toBe(4);
		expect(dayCount('2024-01-01', '2024-12-31')).toBe(366);
	});

	it.each([
		['2026-11-28', true],
		['2026-02-30', false],
		['2026-13-01', false],
		['26-11-28', false],
		['2026-11-28T00:00', false],
		[20261128, false]
	])('isDay(%s) is %s', (value, ok) => expect(isDay(value)).toBe(ok));
});

describe('ranges', () => {
	it('defaults to yesterday', () => {
		expect(defaultRange(TODAY)).toEqual({ view: 'day', from: '2026-11-27', to: '2026-11-27' });
		expect(defaultRange('2026-03-01')).toEqual({
			view: 'day',
			from: '2026-02-28',
			to: '2026-02-28'
		});
	});

	it('周 is the week of the day looked at when it is over, else the last complete week', () => {
		expect(rangeAround('week', '2026-11-18', TODAY)).toEqual({
			view: 'week',
			from: '2026-11-16',
			to: '2026-11-22'
		});
		// Saturday's own week is in progress: the last complete week is the one before.
		expect(rangeAround('week', '2026-11-27', TODAY)).toEqual({
			view: 'week',
			from: '2026-11-16',
			to: '2026-11-22'
		});
		// A Sunday is not over while it is today either.
		expect(rangeAround('week', '2026-11-29', '2026-11-29')).toEqual({
			view: 'week',
			from: '2026-11-16',
			to: '2026-11-22'
		});
		// On Monday the week that ended yesterday is complete.
		expect(rangeAround('week', '2026-11-29', '2026-11-30')).toEqual({
			view: 'week',
			from: '2026-11-23',
			to: '2026-11-29'
		});
	});

	it('月 is the month of the day looked at when it is over, else the last complete month', () => {
		expect(rangeAround('month', '2026-10-15', TODAY)).toEqual({
			view: 'month',
			from: '2026-10-01',
			to: '2026-10-31'
		});
		expect(rangeAround('month', '2026-11-02', TODAY)).toEqual({
			view: 'month',
			from: '2026-10-01',
			to: '2026-10-31'
		});
		// 1 January: the last complete month is December of the year before.
		expect(rangeAround('month', '2027-01-01', '2027-01-01')).toEqual({
			view: 'month',
			from: '2026-12-01',
			to: '2026-12-31'
		});
	});

	it('the period so far is asked for explicitly: 本周至今 and 本月至今 run to today', () => {
		expect(rangeAround('weekToDate', '2026-11-02', TODAY)).toEqual({
			view: 'weekToDate',
			from: '2026-11-23',
			to: TODAY
		});
		expect(rangeAround('monthToDate', '2026-10-02', TODAY)).toEqual({
			view: 'monthToDate',
			from: '2026-11-01',
			to: TODAY
		});
		// On the first day of the month, the month so far is today alone.
		expect(rangeAround('monthToDate', '2026-11-30', '2026-12-01')).toEqual({
			view: 'monthToDate',
			from: '2026-12-01',
			to: '2026-12-01'
		});
	});

	it('issue 16 #4: from yesterday (a Monday), 周 then 月 give last week and last month', () => {
		// Today is Tuesday 2026-12-01; the page shows yesterday, Monday 2026-11-30.
		const today = '2026-12-01';
		const yesterday = defaultRange(today);
		expect(yesterday).toEqual({ view: 'day', from: '2026-11-30', to: '2026-11-30' });
		// The picker anchors a new view on the last day shown.
		const week = rangeAround('week', yesterday.to, today);
		expect(week).toEqual({ view: 'week', from: '2026-11-23', to: '2026-11-29' });
		expect(dayCount(week.from, week.to)).toBe(7);
		const month = rangeAround('month', week.to, today);
		expect(month).toEqual({ view: 'month', from: '2026-11-01', to: '2026-11-30' });
		// ‹ › step by the unit; › stops at the last complete period.
		expect(shiftRange(week, -1, today)).toEqual({
			view: 'week',
			from: '2026-11-16',
			to: '2026-11-22'
		});
		expect(shiftRange(week, 1, today)).toBeNull();
		expect(shiftRange(month, -1, today)).toEqual({
			view: 'month',
			from: '2026-10-01',
			to: '2026-10-31'
		});
		expect(shiftRange(month, 1, today)).toBeNull();
		// The week so far (Monday and today) is one click away, and ‹ from it is last week.
		const soFar = rangeAround('weekToDate', month.to, today);
		expect(soFar).toEqual({ view: 'weekToDate', from: '2026-11-30', to: today });
		expect(shiftRange(soFar, -1, today)).toEqual(week);
		expect(shiftRange(soFar, 1, today)).toBeNull();
		expect(shiftRange(rangeAround('monthToDate', week.to, today), -1, today)).toEqual(month);
	});

	it.each<[DayRange, -1 | 1, DayRange | null]>([
		[
			{ view: 'day', from: '2026-11-27', to: '2026-11-27' },
			-1,
			{ view: 'day', from: '2026-11-26', to: '2026-11-26' }
		],
		[
			{ view: 'day', from: '2026-11-27', to: '2026-11-27' },
			1,
			{ view: 'day', from: TODAY, to: TODAY }
		],
		[{ view: 'day', from: TODAY, to: TODAY }, 1, null],
		[
			{ view: 'week', from: '2026-11-23', to: TODAY },
			-1,
			{ view: 'week', from: '2026-11-16', to: '2026-11-22' }
		],
		[
			{ view: 'week', from: '2026-11-09', to: '2026-11-15' },
			1,
			{ view: 'week', from: '2026-11-16', to: '2026-11-22' }
		],
		// The week after the last complete one is in progress: 本周至今, not ›.
		[{ view: 'week', from: '2026-11-16', to: '2026-11-22' }, 1, null],
		[{ view: 'week', from: '2026-11-23', to: TODAY }, 1, null],
		[
			{ view: 'month', from: '2026-03-01', to: '2026-03-31' },
			-1,
			{ view: 'month', from: '2026-02-01', to: '2026-02-28' }
		],
		[
			{ view: 'month', from: '2026-09-01', to: '2026-09-30' },
			1,
			{ view: 'month', from: '2026-10-01', to: '2026-10-31' }
		],
		[{ view: 'month', from: '2026-10-01', to: '2026-10-31' }, 1, null],
		[
			{ view: 'monthToDate', from: '2026-11-01', to: TODAY },
			-1,
			{ view: 'month', from: '2026-10-01', to: '2026-10-31' }
		],
		[{ view: 'monthToDate', from: '2026-11-01', to: TODAY }, 1, null],
		[
			{ view: 'month', from: '2026-01-01', to: '2026-01-31' },
			-1,
			{ view: 'month', from: '2025-12-01', to: '2025-12-31' }
		],
		[
			{ view: 'custom', from: '2026-11-10', to: '2026-11-12' },
			-1,
			{ view: 'custom', from: '2026-11-07', to: '2026-11-09' }
		],
		[
			{ view: 'custom', from: '2026-11-22', to: '2026-11-25' },
			1,
			{ view: 'custom', from: '2026-11-26', to: TODAY }
		]
	])('shift %j by %i → %j', (range, step, expected) => {
		expect(shiftRange(range, step, TODAY)).toEqual(expected);
	});

	it('previous then next of a full period returns it (property)', () => {
		const day = fc
			.integer({ min: 0, max: 3000 })
			.map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
		fc.assert(
			fc.property(day, fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day'>, (d, v) => {
				const today = '2030-01-01';
				const range = rangeAround(v, d, today);
				const back = shiftRange(range, -1, today);
				expect(back).not.toBeNull();
				expect(back!.to < range.from).toBe(true);
				expect(dayCount(back!.to, range.from)).toBe(2); // adjacent, no gap, no overlap
				expect(shiftRange(back!, 1, today)).toEqual(range);
			})
		);
	});
});

describe('custom validation and the URL', () => {
	it.each([
		['2026-11-01', '2026-11-10', null],
		['2026-11-10', '2026-11-01', 'reversed'],
		['2026-11-31', '2026-12-01', 'badDate'],
		['', '2026-12-01', 'badDate'],
		['2026-11-29', '2026-11-30', 'future'],
		// 2021-12-01 … 2026-11-28: 1,824 days; 2021-11-25 … 2026-11-28: 1,830, the most allowed.
		['2021-12-01', '2026-11-28', null],
		['2021-11-25', '2026-11-28', null],
		['2021-11-24', '2026-11-28', 'tooLong'],
		['2021-11-24', '2026-12-31', 'tooLong'],
		['2021-11-25', '2027-01-01', null] // the end is clamped to today before counting
	])('checkRange(%s, %s) → %s', (from, to, problem) => {
		expect(checkRange(from, to, TODAY)).toBe(problem);
	});

	it('reads the range from the URL', () => {
		expect(parseRange(q(''), TODAY)).toEqual({ range: defaultRange(TODAY), problem: null });
		expect(parseRange(q('view=week&from=2026-11-16&to=2026-11-22'), TODAY)).toEqual({
			range: { view: 'week', from: '2026-11-16', to: '2026-11-22' },
			problem: null
		});
		expect(parseRange(q('from=2026-11-20'), TODAY).range).toEqual({
			view: 'day',
			from: '2026-11-20',
			to: '2026-11-20'
		});
		expect(parseRange(q('from=2026-11-20&to=2026-11-22'), TODAY).range.view).toBe('custom');
		expect(parseRange(q('view=day&from=2026-11-20&to=2026-11-22'), TODAY).range.view).toBe(
			'custom'
		);
		expect(parseRange(q('view=month&from=2026-11-01&to=2026-11-30'), TODAY).range).toEqual({
			view: 'month',
			from: '2026-11-01',
			to: TODAY
		});
		expect(parseRange(q('from=2026-11-22&to=2026-11-20'), TODAY)).toEqual({
			range: defaultRange(TODAY),
			problem: 'reversed'
		});
	});

	it('writes the range to the URL and reads it back', () => {
		const range: DayRange = { view: 'week', from: '2026-11-16', to: '2026-11-22' };
		expect(rangeQuery(range)).toBe('view=week&from=2026-11-16&to=2026-11-22');
		expect(parseRange(q(rangeQuery(range)), TODAY).range).toEqual(range);
	});
});
