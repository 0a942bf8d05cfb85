import { afterEach, describe, expect, it } from 'vitest';
import {
	addDays,
	BLOCK_MS,
	businessDayOf,
	createBusinessDay,
	startOfBusinessDay
} from './timezone';

const utc = (iso: string) => Date.parse(iso);

const referenceFormatters = new Map<string, Intl.DateTimeFormat>();

/** Uncached reference: the local calendar date of `ms` in `timezone`, straight from Intl. */
function referenceDay(ms: number, timezone: string): string {
	let formatter = referenceFormatters.get(timezone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		referenceFormatters.set(timezone, formatter);
	}
	const parts = formatter.formatToParts(ms);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}

describe('businessDayOf', () => {
	const cases: Array<[string, string, string]> = [
		// [instant, zone, business day]
		['2026-03-01T15:59:59.999Z', 'Asia/Shanghai', '2026-03-01'], // 23:59:59.999 local
		['2026-03-01T16:00:00.000Z', 'Asia/Shanghai', '2026-03-02'], // 00:00 local
		['2026-03-02T01:00:00.000Z', 'Asia/Shanghai', '2026-03-02'],
		['2025-12-31T16:00:00.000Z', 'Asia/Shanghai', '2026-01-01'], // new year
		['2024-02-28T16:00:00.000Z', 'Asia/Shanghai', '2024-02-29'], // leap day
		['2026-03-02T00:00:00.000Z', 'UTC', '2026-03-02'],
		['2026-03-01T23:59:59.999Z', 'UTC', '2026-03-01'],
		// Berlin, spring forward on 2026-03-29: that day runs 23:00Z (28th) to 22:00Z (29th), 23 h.
		['2026-03-28T22:59:59.999Z', 'Europe/Berlin', '2026-03-28'],
		['2026-03-28T23:00:00.000Z', 'Europe/Berlin', '2026-03-29'],
		['2026-03-29T21:59:59.999Z', 'Europe/Berlin', '2026-03-29'],
		['2026-03-29T22:00:00.000Z', 'Europe/Berlin', '2026-03-30'],
		// Berlin, fall back on 2026-10-25: 22:00Z (24th) to 23:00Z (25th), 25 h.
		['2026-10-24T21:59:59.999Z', 'Europe/Berlin', '2026-10-24'],
		['2026-10-24T22:00:00.000Z', 'Europe/Berlin', '2026-10-25'],
		['2026-10-25T22:59:59.999Z', 'Europe/Berlin', '2026-10-25'],
		['2026-10-25T23:00:00.000Z', 'Europe/Berlin', '2026-10-26'],
		// Kathmandu is UTC+5:45: midnight is 18:15Z, on a 15-minute block boundary.
		['2026-03-01T18:14:59.999Z', 'Asia/Kathmandu', '2026-03-01'],
		['2026-03-01T18:15:00.000Z', 'Asia/Kathmandu', '2026-03-02'],
		// Monrovia was UTC−0:44:30 until 1972: midnight falls inside a block, which is never cached.
		['1970-01-02T00:44:29.999Z', 'Africa/Monrovia', '1970-01-01'],
		['1970-01-02T00:44:30.000Z', 'Africa/Monrovia', '1970-01-02']
	];
	it.each(cases)('%s in %s is %s', (iso, zone, day) => {
		expect(businessDayOf(utc(iso), zone)).toBe(day);
	});

	it('answers the same after the cache is warm, in any query order', () => {
		const fn = createBusinessDay('Africa/Monrovia');
		const instants = cases
			.filter(([, zone]) => zone === 'Africa/Monrovia')
			.map(([iso]) => utc(iso));
		for (let round = 0; round < 2; round++) {
			for (const t of [...instants].reverse())
				expect(fn(t)).toBe(referenceDay(t, 'Africa/Monrovia'));
		}
	});

	it('matches uncached Intl around every block edge of a Berlin DST week', () => {
		const fn = createBusinessDay('Europe/Berlin');
		const start = utc('2026-10-22T00:00:00Z');
		for (let t = start; t < start + 7 * 86_400_000; t += BLOCK_MS) {
			for (const probe of [t, t + 1, t + BLOCK_MS - 1]) {
				expect(fn(probe)).toBe(referenceDay(probe, 'Europe/Berlin'));
			}
		}
	});

	it('stays correct past the cache bound (about 104 days of blocks)', () => {
		const fn = createBusinessDay('Asia/Shanghai');
		const start = utc('2026-01-01T00:00:00Z');
		for (let t = start; t < start + 200 * 86_400_000; t += 3 * 3600_000) {
			expect(fn(t)).toBe(referenceDay(t, 'Asia/Shanghai'));
		}
		expect(fn(start)).toBe('2026-01-01'); // evicted long ago, recomputed
	});

	describe('does not depend on the process time zone', () => {
		const saved = process.env.TZ;
		afterEach(() => {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		});
		it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'])('TZ=%s', (tz) => {
			process.env.TZ = tz;
			const fn = createBusinessDay('Asia/Shanghai');
			expect(fn(utc('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
			expect(fn(utc('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
		});
	});

	it('rejects an unknown zone and a non-finite instant, naming them', () => {
		expect(() => businessDayOf(0, 'Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
		expect(() => businessDayOf(Number.NaN, 'Asia/Shanghai')).toThrow(/NaN/);
	});
});

describe('addDays', () => {
	it.each([
		['2026-03-02', -2, '2026-02-28'],
		['2024-03-01', -1, '2024-02-29'],
		['2025-12-31', 1, '2026-01-01'],
		['2026-03-29', 1, '2026-03-30'],
		['2026-03-02', 0, '2026-03-02']
	] as const)('%s %+d days is %s', (day, n, expected) => {
		expect(addDays(day, n)).toBe(expected);
	});

	it('rejects a malformed day', () => {
		expect(() => addDays('2026-3-2', 1)).toThrow(/2026-3-2/);
	});
});

describe('startOfBusinessDay', () => {
	it.each([
		// 23:24 in Shanghai on the 28th → 00:00 of the 28th, which is 16:00Z the day before
		['2026-11-28T15:24:00.123Z', 'Asia/Shanghai', '2026-11-27T16:00:00.000Z'],
		['2026-11-28T16:00:00.000Z', 'Asia/Shanghai', '2026-11-28T16:00:00.000Z'],
		['2026-11-28T15:59:59.999Z', 'Asia/Shanghai', '2026-11-27T16:00:00.000Z'],
		['2026-11-28T12:00:00.000Z', 'UTC', '2026-11-28T00:00:00.000Z'],
		// Berlin on its 23-hour day (clocks jump 02:00 → 03:00) and its 25-hour day
		['2026-03-29T20:00:00.000Z', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
		['2026-10-25T20:00:00.000Z', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
		['2026-11-28T10:00:00.000Z', 'Asia/Kolkata', '2026-11-27T18:30:00.000Z']
	])('%s in %s → %s', (at, tz, expected) => {
		expect(new Date(startOfBusinessDay(utc(at), tz)).toISOString()).toBe(expected);
	});
});

describe('startOfBusinessDay (property)', () => {
	it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'])(
		'in %s is a midnight: its day is the instant’s day and 1 ms earlier is the day before',
		(tz) => {
			for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2026-12-31T00:00:00Z'); t += 7_777_777) {
				const start = startOfBusinessDay(t, tz);
				expect(businessDayOf(start, tz)).toBe(businessDayOf(t, tz));
				expect(businessDayOf(start - 1, tz)).toBe(addDays(businessDayOf(t, tz), -1));
				expect(start).toBeLessThanOrEqual(t);
			}
		}
	);
});
