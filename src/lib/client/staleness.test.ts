import { describe, expect, it } from 'vitest';
import { secondsUntil, staleness, tickingSeconds } from './staleness';

const T = Date.parse('2026-11-28T08:00:00Z');

describe('staleness', () => {
	it.each([
		[0, T, 'waiting', 0],
		[T, T, 'fresh', 0],
		[T - 9_999, T, 'fresh', 9],
		[T - 10_000, T, 'stale', 10],
		[T - 59_999, T, 'stale', 59],
		[T - 60_000, T, 'expired', 60],
		[T - 3_600_000, T, 'expired', 3600],
		[T + 500, T, 'fresh', 0] // a message "from the future" (clock step): not stale
	])('last message %i, now %i → %s, %i s', (last, now, freshness, ageSeconds) => {
		expect(staleness(now, last)).toStrictEqual({ freshness, ageSeconds });
	});
});

describe('tickingSeconds', () => {
	it.each([
		[42, T, T, 42],
		[42, T, T + 999, 42],
		[42, T, T + 1000, 43],
		[42, T, T + 61_500, 103],
		[42, T, T - 2000, 42]
	])('%i s received at %i, now %i → %i', (value, at, now, expected) => {
		expect(tickingSeconds(value, at, now)).toBe(expected);
	});
});

describe('secondsUntil', () => {
	it.each([
		['2026-11-28T09:00:00.000Z', T, 3600],
		['2026-11-28T08:00:00.500Z', T, 1],
		['2026-11-28T08:00:00.000Z', T, 0],
		['2026-11-28T07:59:00.000Z', T, -60]
	])('%s from now → %i s', (iso, now, expected) => {
		expect(secondsUntil(iso, now)).toBe(expected);
	});
});
