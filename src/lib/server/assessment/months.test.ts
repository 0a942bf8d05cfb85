/** Month arithmetic of the assessment, hand-worked. */
import { describe, expect, it } from 'vitest';
import { addMonths, previousPeriod, splitByMonths } from './months';

describe('months', () => {
	it('adds months across years', () => {
		expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
		expect(addMonths('2026-11-15', 2)).toBe('2027-01-01');
		expect(addMonths('2026-03-01', -12)).toBe('2025-03-01');
	});

	it('compares a month (whole or in progress) with the whole previous month', () => {
		expect(previousPeriod('2026-11-01', '2026-11-30')).toEqual({
			from: '2026-10-01',
			to: '2026-10-31'
		});
		expect(previousPeriod('2026-03-01', '2026-03-12')).toEqual({
			from: '2026-02-01',
			to: '2026-02-28'
		});
		// Anything else: the same number of days just before.
		expect(previousPeriod('2026-11-10', '2026-11-19')).toEqual({
			from: '2026-10-31',
			to: '2026-11-09'
		});
		expect(previousPeriod('2026-10-01', '2026-11-30')).toEqual({
			from: '2026-08-01',
			to: '2026-09-30'
		});
	});

	it('splits a range into whole months and the days at either end', () => {
		expect(splitByMonths('2026-10-15', '2026-12-03')).toEqual({
			months: { from: '2026-11-01', until: '2026-12-01' },
			days: [
				{ from: '2026-10-15', to: '2026-10-31' },
				{ from: '2026-12-01', to: '2026-12-03' }
			]
		});
		expect(splitByMonths('2026-11-01', '2026-11-30')).toEqual({
			months: { from: '2026-11-01', until: '2026-12-01' },
			days: []
		});
		expect(splitByMonths('2026-11-02', '2026-11-30')).toEqual({
			months: null,
			days: [{ from: '2026-11-02', to: '2026-11-30' }]
		});
	});
});
