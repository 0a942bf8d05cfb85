/** localToEpochMs: plain offsets, a historical offset, and both daylight-saving edges. */
import { describe, expect, it } from 'vitest';
import { localToEpochMs } from './local-time';

const t = (s: string) => {
	const [d, h] = s.split(' ') as [string, string];
	const [year, month, day] = d.split('-').map(Number) as [number, number, number];
	const [hour, minute, second] = h.split(':').map(Number) as [number, number, number];
	return { year, month, day, hour, minute, second };
};

describe('localToEpochMs', () => {
	it.each([
		['Asia/Shanghai', '2026-01-01 00:00:00', '2025-12-31T16:00:00.000Z'],
		['Asia/Jerusalem', '1999-02-01 07:02:56', '1999-02-01T05:02:56.000Z'],
		['Asia/Jerusalem', '1999-07-01 12:00:00', '1999-07-01T09:00:00.000Z'],
		['Europe/Berlin', '2026-07-01 12:00:00', '2026-07-01T10:00:00.000Z'],
		// spring forward: 02:30 does not exist; read with the offset before the gap (= 03:30 CEST)
		['Europe/Berlin', '2026-03-29 02:30:00', '2026-03-29T01:30:00.000Z'],
		// fall back: 02:30 happens twice; the first one (CEST, +2)
		['Europe/Berlin', '2026-10-25 02:30:00', '2026-10-25T00:30:00.000Z'],
		['Europe/Berlin', '2026-10-25 03:30:00', '2026-10-25T02:30:00.000Z'],
		['UTC', '1999-02-28 23:59:59', '1999-02-28T23:59:59.000Z']
	])('%s %s → %s', (zone, local, utc) => {
		expect(new Date(localToEpochMs(t(local), zone)).toISOString()).toBe(utc);
	});

	it('names an unknown zone', () => {
		expect(() => localToEpochMs(t('2026-01-01 00:00:00'), 'Mars/Olympus')).toThrow(
			/unknown IANA time zone "Mars\/Olympus"/
		);
	});
});
