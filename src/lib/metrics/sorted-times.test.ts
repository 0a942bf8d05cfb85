import { describe, expect, it } from 'vitest';
import { lowerBound, SortedTimes, upperBound } from './sorted-times';

function of(...values: number[]): SortedTimes {
	const s = new SortedTimes();
	for (const v of values) s.add(v);
	return s;
}

describe('lowerBound / upperBound', () => {
	const values = [10, 20, 20, 30];
	it.each([
		[5, 0, 0],
		[10, 0, 1],
		[20, 1, 3],
		[25, 3, 3],
		[30, 3, 4],
		[35, 4, 4]
	])('t=%d → lower %d, upper %d', (t, lower, upper) => {
		expect(lowerBound(values, t)).toBe(lower);
		expect(upperBound(values, t)).toBe(upper);
	});
});

describe('SortedTimes', () => {
	it('keeps values sorted whether appended or inserted, duplicates included', () => {
		expect(of(30, 10, 20, 20, 40, 5).toArray()).toEqual([5, 10, 20, 20, 30, 40]);
	});

	it('removes one occurrence, and nothing when absent', () => {
		const s = of(10, 20, 20, 30);
		expect(s.remove(20)).toBe(true);
		expect(s.toArray()).toEqual([10, 20, 30]);
		expect(s.remove(25)).toBe(false);
		expect(s.remove(30)).toBe(true);
		expect(s.toArray()).toEqual([10, 20]);
		expect(s.size).toBe(2);
	});

	it.each([
		// (low, high] over [10, 20, 20, 30]
		[0, 100, 4],
		[10, 30, 3], // 10 excluded, 30 included
		[9, 10, 1],
		[20, 29, 0],
		[19, 20, 2],
		[30, 30, 0],
		[40, 10, 0]
	])('countIn(%d, %d) = %d', (low, high, count) => {
		expect(of(10, 20, 20, 30).countIn(low, high)).toBe(count);
	});

	it('pruneBefore drops values < t and ignores later adds and removes below it', () => {
		const s = of(10, 20, 30);
		s.pruneBefore(20);
		expect(s.toArray()).toEqual([20, 30]);
		expect(s.floor).toBe(20);
		s.add(15);
		expect(s.remove(15)).toBe(false);
		s.add(25);
		expect(s.toArray()).toEqual([20, 25, 30]);
		s.pruneBefore(5); // the floor never moves back
		expect(s.floor).toBe(20);
	});

	it('rejects a non-finite instant', () => {
		expect(() => new SortedTimes().add(Number.NaN)).toThrow(/NaN/);
	});
});
