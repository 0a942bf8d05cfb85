import { describe, expect, it } from 'vitest';
import { parseDay, parseRange, sameDayAYearBefore } from './params';

const q = (s: string) => new URLSearchParams(s);

describe('parseRange', () => {
	it.each([
		['from=2026-01-01&to=2026-01-31', { from: '2026-01-01', to: '2026-01-31', queue: null }],
		[
			'from=2026-01-01&to=2026-01-01&queue=elderly',
			{ from: '2026-01-01', to: '2026-01-01', queue: 'elderly' }
		],
		['from=2021-01-02&to=2026-01-01', { from: '2021-01-02', to: '2026-01-01', queue: null }]
	])('%s is valid', (search, value) => {
		expect(parseRange(q(search))).toEqual({ ok: true, value });
	});

	it.each([
		['to=2026-01-31', 'from: is required (YYYY-MM-DD)'],
		['from=2026-01-01', 'to: is required (YYYY-MM-DD)'],
		['from=2026-02-30&to=2026-03-01', 'from: must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
		['from=2026-1-1&to=2026-03-01', 'from: must be a calendar date YYYY-MM-DD, got "2026-1-1"'],
		['from=2026-03-02&to=2026-03-01', 'from: must not be after to, got "2026-03-02"'],
		[
			'from=2021-01-01&to=2026-01-06',
			'to: range from..to must not exceed 5 years (1830 days), got "2026-01-06"'
		]
	])('%s → %s', (search, error) => {
		expect(parseRange(q(search))).toEqual({ ok: false, error });
	});
});

describe('parseDay', () => {
	it('takes a day and an optional queue', () => {
		expect(parseDay(q('day=2026-11-01&queue=general'))).toEqual({
			ok: true,
			value: { day: '2026-11-01', queue: 'general' }
		});
	});
	it('names the parameter', () => {
		expect(parseDay(q('day=yesterday'))).toEqual({
			ok: false,
			error: 'day: must be a calendar date YYYY-MM-DD, got "yesterday"'
		});
		expect(parseDay(q(''))).toEqual({ ok: false, error: 'day: is required (YYYY-MM-DD)' });
	});
});

describe('parseRange: client errors, not server errors (probe finding g)', () => {
	it.each([
		[
			'from=2026-01-01&to=2026-01-02&queue=%00',
			'queue: must not contain a NUL character or broken UTF-16, got "\\u0000"'
		],
		[
			'from=9999-12-30&to=9999-12-31',
			'from: must be between 1900-01-01 and 2999-12-31, got "9999-12-30"; to: must be between 1900-01-01 and 2999-12-31, got "9999-12-31"'
		]
	])('%s → %s', (search, error) => {
		expect(parseRange(q(search))).toEqual({ ok: false, error });
	});
});

describe('sameDayAYearBefore (同比)', () => {
	it.each([
		['2026-03-01', '2025-03-01'],
		['2026-12-31', '2025-12-31'],
		['2024-02-29', '2023-02-28'],
		['2025-02-28', '2024-02-28']
	])('%s → %s', (day, before) => expect(sameDayAYearBefore(day)).toBe(before));
});
