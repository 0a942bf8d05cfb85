/**
 * Scoring and ranking of the 接诉即办 assessment (contract/assessment.ts). Pure.
 *
 * - Rates: 响应率 = responded / surveyed, 解决率 = resolved / surveyed, 满意率 = satisfied /
 *   surveyed (null when surveyed = 0).
 * - Score (points, 0–100) = Σ weight% × rate = (wResp·responded + wRes·resolved + wSat·satisfied)
 *   / surveyed. Compared exactly, by cross-multiplying the integer numerators, so rounding never
 *   decides a rank.
 * - Ranking: units with surveyed ≥ minSurveyed, by score desc, then surveyed desc, then name
 *   (code-point order); rank = position (1 = best). The others are listed after, unranked, by
 *   surveyed desc and name.
 * - Change: previousRank − rank (positive = moved up) and score − previousScore, against the same
 *   unit (same key) in the previous period's ranking.
 * - 红榜 the first five ranked; 黑榜 the last five ranked, worst first, leaving out any already on
 *   the 红榜 (with fewer than ten ranked the lists do not overlap).
 */
import type { AssessmentRanking, AssessmentUnit, AssessmentWeights } from '../contract/assessment';

/** Fewer surveys than this: listed, not ranked (a rate over a handful of answers says little). */
export const MIN_SURVEYED = 10;
/** Size of each of 红榜 and 黑榜. */
export const BOARD_SIZE = 5;

export type SurveyCounts = {
	surveyed: number;
	responded: number;
	resolved: number;
	satisfied: number;
};

export type UnitCounts = { name: string; district?: string } & SurveyCounts;

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

/** Σ weight × count: the score's numerator (score = numerator / surveyed). */
function numerator(c: SurveyCounts, w: AssessmentWeights): number {
	return (
		w.responseRate * c.responded + w.resolutionRate * c.resolved + w.satisfactionRate * c.satisfied
	);
}

export function scoreOf(c: SurveyCounts, w: AssessmentWeights): number | null {
	return ratio(numerator(c, w), c.surveyed);
}

/** The unit's key: the name, or district/street for streets (a street name may recur). */
export const unitKey = (u: { name: string; district?: string }) =>
	u.district === undefined ? u.name : `${u.district}\u0000${u.name}`;

const byName = (a: UnitCounts, b: UnitCounts) => {
	const ka = unitKey(a);
	const kb = unitKey(b);
	return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Ranked first (score, surveyed desc, name), then the unranked (surveyed desc, name). */
function ordered(units: readonly UnitCounts[], w: AssessmentWeights, minSurveyed: number) {
	const ranked = units.filter((u) => u.surveyed >= minSurveyed);
	const unranked = units.filter((u) => u.surveyed < minSurveyed);
	ranked.sort(
		(a, b) =>
			numerator(b, w) * a.surveyed - numerator(a, w) * b.surveyed ||
			b.surveyed - a.surveyed ||
			byName(a, b)
	);
	unranked.sort((a, b) => b.surveyed - a.surveyed || byName(a, b));
	return { ranked, unranked };
}

function unitOf(
	u: UnitCounts,
	w: AssessmentWeights,
	rank: number | null,
	previous: { rank: number | null; score: number | null } | undefined
): AssessmentUnit {
	const score = scoreOf(u, w);
	const previousRank = previous?.rank ?? null;
	const previousScore = previous?.score ?? null;
	return {
		name: u.name,
		...(u.district === undefined ? {} : { district: u.district }),
		surveyed: u.surveyed,
		responded: u.responded,
		resolved: u.resolved,
		satisfied: u.satisfied,
		responseRate: ratio(u.responded, u.surveyed),
		resolutionRate: ratio(u.resolved, u.surveyed),
		satisfactionRate: ratio(u.satisfied, u.surveyed),
		score,
		rank,
		previousRank,
		previousScore,
		rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
		scoreChange: score !== null && previousScore !== null ? score - previousScore : null
	};
}

/** The ranking of `current` with its change against `previous` (same weights, same minimum). */
export function rankUnits(
	current: readonly UnitCounts[],
	previous: readonly UnitCounts[],
	weights: AssessmentWeights,
	minSurveyed: number = MIN_SURVEYED
): AssessmentRanking {
	const before = new Map<string, { rank: number | null; score: number | null }>();
	const prev = ordered(previous, weights, minSurveyed);
	prev.ranked.forEach((u, i) =>
		before.set(unitKey(u), { rank: i + 1, score: scoreOf(u, weights) })
	);
	for (const u of prev.unranked) before.set(unitKey(u), { rank: null, score: scoreOf(u, weights) });

	const { ranked, unranked } = ordered(current, weights, minSurveyed);
	const rankedUnits = ranked.map((u, i) => unitOf(u, weights, i + 1, before.get(unitKey(u))));
	const units = [
		...rankedUnits,
		...unranked.map((u) => unitOf(u, weights, null, before.get(unitKey(u))))
	];
	const red = rankedUnits.slice(0, BOARD_SIZE);
	const black = rankedUnits.slice(red.length).reverse().slice(0, BOARD_SIZE);
	return { units, red, black };
}

/** Sums of survey counts (the hall's total line). */
export function sumCounts(units: readonly SurveyCounts[]): SurveyCounts {
	const t = { surveyed: 0, responded: 0, resolved: 0, satisfied: 0 };
	for (const u of units) {
		t.surveyed += u.surveyed;
		t.responded += u.responded;
		t.resolved += u.resolved;
		t.satisfied += u.satisfied;
	}
	return t;
}

/** The hall as one unit (never ranked). */
export function totalUnit(
	name: string,
	current: readonly SurveyCounts[],
	previous: readonly SurveyCounts[],
	weights: AssessmentWeights
): AssessmentUnit {
	const before = scoreOf(sumCounts(previous), weights);
	return unitOf({ name, ...sumCounts(current) }, weights, null, { rank: null, score: before });
}
