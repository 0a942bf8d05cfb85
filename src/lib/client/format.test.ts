import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatPercent, formatTime } from './format';

describe('format', () => {
	it.each([
		[0.953, '95.3%'],
		[1, '100.0%'],
		[0, '0.0%'],
		[null, '—'],
		[undefined, '—']
	])('formatPercent(%s) = %s', (v, out) => expect(formatPercent(v)).toBe(out));

	it.each([
		[0, '0:00'],
		[59.9, '0:59'],
		[75, '1:15'],
		[3725, '1:02:05'],
		[-3, '0:00'],
		[null, '—']
	])('formatDuration(%s) = %s', (v, out) => expect(formatDuration(v)).toBe(out));

	it('groups thousands', () => expect(formatNumber(56012)).toBe('56,012'));

	it('shows times in the wallboard zone, not the browser zone', () => {
		expect(formatTime('2026-03-02T16:00:05.000Z', 'Asia/Shanghai')).toBe('00:00:05');
	});
});
