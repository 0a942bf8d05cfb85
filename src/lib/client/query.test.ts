import { describe, expect, it } from 'vitest';
import { withParams } from './query';

describe('withParams', () => {
	it.each([
		['view=day&from=2026-11-27', { from: '2026-11-20' }, '?view=day&from=2026-11-20'],
		['view=day', { present: '1' }, '?view=day&present=1'],
		['present=1', { present: null }, ''],
		['', { lang: 'en' }, '?lang=en'],
		['a=1', { b: 'x y' }, '?a=1&b=x+y']
	])('%s + %j → %s', (search, changes, expected) => {
		expect(withParams(new URLSearchParams(search), changes)).toBe(expected);
	});
});
