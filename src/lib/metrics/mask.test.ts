import { describe, expect, it } from 'vitest';
import { maskCaller, maskName, maskPhone } from './mask';

describe('maskPhone', () => {
	it.each([
		['13812340000', '138****0000'],
		['+86 138 1234 0000', '861******0000'],
		['138-1234-0000', '138****0000'],
		['65123456', '65****56'],
		['1234567', '12***67'],
		['123456', '***'],
		['unknown', '***'],
		['', '***'],
		['1381234000a', '***']
	])('%s → %s', (input, expected) => {
		expect(maskPhone(input)).toBe(expected);
	});

	it('never returns the middle digits of an 11-digit number', () => {
		for (let i = 0; i < 200; i++) {
			const n = String(13_000_000_000 + i * 7_919_731);
			const masked = maskPhone(n);
			expect(masked).toHaveLength(11);
			expect(masked.slice(3, 7)).toBe('****');
			expect(masked).not.toContain(n.slice(3, 7) + n.slice(7));
		}
	});
});

describe('maskName', () => {
	it.each([
		['张三', '张*'],
		['张伟明', '张**'],
		['欧阳娜娜', '欧***'],
		['  李娜 ', '李*'],
		['王', '*'],
		['Li Na', 'L***'],
		['Alexander Fleming', 'A***'],
		['', '***']
	])('%s → %s', (input, expected) => {
		expect(maskName(input)).toBe(expected);
	});
});

describe('maskCaller', () => {
	it('masks a number and hides anything else; no caller is null', () => {
		expect(maskCaller('13912345678')).toBe('139****5678');
		expect(maskCaller('sip:alice@example.org')).toBe('***');
		expect(maskCaller(undefined)).toBeNull();
		expect(maskCaller(' ')).toBeNull();
	});
});
