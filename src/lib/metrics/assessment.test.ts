/**
 * Scoring and ranking, hand-worked. Weights 30/35/35 unless stated:
 *   A: 20 surveyed, 20 responded, 16 resolved, 18 satisfied → (600 + 560 + 630) / 20 = 89.5
 *   B: 10 surveyed, 10 responded, 8 resolved, 9 satisfied   → (300 + 280 + 315) / 10 = 89.5
 *   C: 40 surveyed, 36 responded, 20 resolved, 30 satisfied → (1080 + 700 + 1050) / 40 = 70.75
 *   D: 9 surveyed, all yes → 100, but 9 < 10: listed, not ranked
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_WEIGHTS as W } from '../contract/assessment';
import { rankUnits, scoreOf, totalUnit, type UnitCounts } from './assessment';

const unit = (name: string, s: number, r: number, res: number, sat: number): UnitCounts => ({
	name,
	surveyed: s,
	responded: r,
	resolved: res,
	satisfied: sat
});
const A = unit('A', 20, 20, 16, 18);
const B = unit('B', 10, 10, 8, 9);
const C = unit('C', 40, 36, 20, 30);
const D = unit('D', 9, 9, 9, 9);

describe('scoreOf', () => {
	it('is the weighted sum of the three rates in points', () => {
		expect(scoreOf(A, W)).toBe(89.5);
		expect(scoreOf(C, W)).toBe(70.75);
		// 100/0/0: the response rate alone, 36/40 = 90 %.
		expect(scoreOf(C, { responseRate: 100, resolutionRate: 0, satisfactionRate: 0 })).toBe(90);
		expect(scoreOf(unit('E', 0, 0, 0, 0), W)).toBeNull();
	});
});

describe('rankUnits', () => {
	it('breaks a score tie by surveyed, then by name; too few surveys are listed unranked', () => {
		const r = rankUnits([D, C, B, A], [], W);
		expect(r.units.map((u) => [u.name, u.rank, u.score])).toEqual([
			['A', 1, 89.5], // ties with B on 89.5, more surveyed
			['B', 2, 89.5],
			['C', 3, 70.75],
			['D', null, 100]
		]);
		expect(r.units[0]).toMatchObject({
			responseRate: 1,
			resolutionRate: 0.8,
			satisfactionRate: 0.9
		});
	});

	it('breaks a full tie (score and surveyed) by name', () => {
		const r = rankUnits([unit('乙', 10, 10, 8, 9), B, unit('甲', 10, 10, 8, 9)], [], W);
		expect(r.units.map((u) => u.name)).toEqual(['B', '乙', '甲']); // code-point order: 乙 U+4E59 < 甲 U+7532
	});

	it('respects a custom minimum', () => {
		expect(rankUnits([D, C], [], W, 5).units.map((u) => [u.name, u.rank])).toEqual([
			['D', 1],
			['C', 2]
		]);
	});

	it('gives the change of rank and score against the previous period', () => {
		// Previous: C 10/10/10/10 = 100 (1st), A as now (2nd), B 9 surveyed (unranked, 89.5 … of 9).
		const previous = [unit('C', 10, 10, 10, 10), A, unit('B', 9, 9, 9, 0)];
		const r = rankUnits([A, B, C], previous, W);
		const byName = Object.fromEntries(r.units.map((u) => [u.name, u]));
		expect(byName.A).toMatchObject({ rank: 1, previousRank: 2, rankChange: 1, scoreChange: 0 });
		expect(byName.C).toMatchObject({
			rank: 3,
			previousRank: 1,
			rankChange: -2,
			previousScore: 100,
			scoreChange: -29.25
		});
		// B was surveyed but not ranked: a score change, no rank change. (9·30 + 9·35)/9 = 65.
		expect(byName.B).toMatchObject({
			rank: 2,
			previousRank: null,
			rankChange: null,
			previousScore: 65
		});
		expect(byName.B!.scoreChange).toBeCloseTo(24.5, 10);
	});

	it('a unit new this period has no previous figures', () => {
		const [a] = rankUnits([A], [], W).units;
		expect(a).toMatchObject({
			previousRank: null,
			previousScore: null,
			rankChange: null,
			scoreChange: null
		});
	});

	it('红榜 = five best, 黑榜 = five worst (worst first) without overlap', () => {
		// 12 units: U00 … U11, U00 best (10 surveyed, k of them satisfied descending).
		const units = Array.from({ length: 12 }, (_, i) =>
			unit(`U${String(i).padStart(2, '0')}`, 10, 10, 10, 10 - (i % 11))
		);
		const r = rankUnits(units, [], W);
		expect(r.red.map((u) => u.name)).toEqual(['U00', 'U11', 'U01', 'U02', 'U03']);
		expect(r.black.map((u) => u.name)).toEqual(['U10', 'U09', 'U08', 'U07', 'U06']);
		// Seven ranked: red takes five, black the remaining two.
		const few = rankUnits(units.slice(0, 7), [], W);
		expect(few.red).toHaveLength(5);
		expect(few.black.map((u) => u.name)).toEqual(['U06', 'U05']);
	});

	it('a street is keyed by its district: the same name in two districts is two units', () => {
		const s1 = { ...A, name: '城关街道', district: '房山区' };
		const s2 = { ...B, name: '城关街道', district: '延庆区' };
		const prev = [{ ...B, name: '城关街道', district: '房山区' }];
		const r = rankUnits([s2, s1], prev, W);
		expect(r.units.map((u) => [u.district, u.rank, u.previousRank])).toEqual([
			['房山区', 1, 1],
			['延庆区', 2, null]
		]);
	});
});

describe('totalUnit', () => {
	it('sums every unit and compares with the previous total', () => {
		const t = totalUnit('all', [A, C], [C], W);
		// (30·56 + 35·36 + 35·48) / 60 = (1680 + 1260 + 1680) / 60 = 77
		expect(t).toMatchObject({ surveyed: 60, score: 77, previousScore: 70.75, rank: null });
		expect(t.scoreChange).toBeCloseTo(6.25, 10);
	});
});
