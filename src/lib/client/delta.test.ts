import { describe, expect, it } from 'vitest';
import {
	RATE_FLAT_BELOW,
	SECONDS_FLAT_BELOW,
	arrow,
	delta,
	levelVsTarget,
	signedPoints
} from './delta';

describe('delta', () => {
	it.each([
		// current, previous, better, change, direction, verdict
		[0.953, 0.932, 'higher', 0.021, 'up', 'better'],
		[0.932, 0.953, 'higher', -0.021, 'down', 'worse'],
		[0.05, 0.03, 'lower', 0.02, 'up', 'worse'],
		[0.9502, 0.95, 'higher', 0, 'flat', 'same'],
		[null, 0.9, 'higher', null, null, null],
		[0.9, null, 'higher', null, null, null]
	] as const)('%s vs %s (%s is better)', (cur, prev, better, change, direction, verdict) => {
		const d = delta(cur, prev, better, RATE_FLAT_BELOW);
		if (change === null) expect(d.change).toBeNull();
		else expect(d.change).toBeCloseTo(change, 10);
		expect(d.direction).toBe(direction);
		expect(d.verdict).toBe(verdict);
	});

	it('seconds: 12.4 s vs 12.0 s is flat, 14 s vs 12 s is worse', () => {
		expect(delta(12.4, 12, 'lower', SECONDS_FLAT_BELOW).direction).toBe('flat');
		expect(delta(14, 12, 'lower', SECONDS_FLAT_BELOW)).toEqual({
			change: 2,
			direction: 'up',
			verdict: 'worse'
		});
	});
});

describe('formatting', () => {
	it.each([
		[0.021, 'en', '+2.1'],
		[-0.0214, 'en', '-2.1'],
		[0.0005, 'en', '+0.1'],
		[0, 'en', '0.0'],
		[0.1234, 'zh-CN', '+12.3'],
		[-0.1, 'zh-CN', '-10.0']
	])('%s → %s (%s)', (change, locale, text) => {
		expect(signedPoints(change, locale)).toBe(text);
	});

	it('arrows carry the direction by shape', () => {
		expect([arrow('up'), arrow('down'), arrow('flat'), arrow(null)]).toEqual(['▲', '▼', '►', '']);
	});
});

describe('levelVsTarget', () => {
	it.each([
		[0.95, 0.95, 'higher', 'good'],
		[0.9499, 0.95, 'higher', 'warn'],
		[0.9, 0.95, 'higher', 'warn'],
		[0.8999, 0.95, 'higher', 'bad'],
		[0.04, 0.05, 'lower', 'good'],
		[0.08, 0.05, 'lower', 'warn'],
		[0.11, 0.05, 'lower', 'bad'],
		[null, 0.95, 'higher', null]
	] as const)('%s vs target %s (%s) → %s', (value, target, better, level) => {
		expect(levelVsTarget(value, target, better)).toBe(level);
	});
});
