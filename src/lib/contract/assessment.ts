/**
 * The 接诉即办 assessment (issue 12 item 5): per district, street and department, the three rates
 * of the callback surveys (三率), a composite score, the ranking and its change against the
 * previous period, 红黑榜; the topic trend over months (每月一题); the score's weights.
 * Rates are fractions in [0, 1] (null when nothing was surveyed); scores are points 0–100.
 */
import { z } from 'zod';

/** Weights of the composite score, percent: integers ≥ 0 summing to 100. */
export type AssessmentWeights = {
	responseRate: number;
	resolutionRate: number;
	satisfactionRate: number;
};

/** 响应率 30 %, 解决率 35 %, 满意率 35 %. */
export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
	responseRate: 30,
	resolutionRate: 35,
	satisfactionRate: 35
};

const weight = z
	.number({ message: 'must be a number' })
	.int({ message: 'must be a whole number of percent' })
	.min(0, { message: 'must be at least 0' })
	.max(100, { message: 'must be at most 100' });

export const assessmentWeightsSchema = z
	.object({ responseRate: weight, resolutionRate: weight, satisfactionRate: weight })
	.strict()
	.refine((w) => w.responseRate + w.resolutionRate + w.satisfactionRate === 100, {
		message: 'the three weights must sum to 100'
	});

export type WeightsResult =
	| { ok: true; value: AssessmentWeights }
	| { ok: false; errors: { path: string; message: string }[] };

export function parseAssessmentWeights(raw: unknown): WeightsResult {
	const r = assessmentWeightsSchema.safeParse(raw);
	if (r.success) return { ok: true, value: r.data };
	return {
		ok: false,
		errors: r.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }))
	};
}

export type AssessmentUnit = {
	/** District, street or department name. */
	name: string;
	/** The street's district (streets only). */
	district?: string;
	surveyed: number;
	responded: number;
	resolved: number;
	satisfied: number;
	responseRate: number | null;
	resolutionRate: number | null;
	satisfactionRate: number | null;
	/** Weighted sum of the three rates, 0–100; null when nothing was surveyed. */
	score: number | null;
	/** 1 = best; null when surveyed < minSurveyed (listed, not ranked). */
	rank: number | null;
	/** The previous period's rank and score (null when not ranked / not surveyed then). */
	previousRank: number | null;
	previousScore: number | null;
	/** previousRank − rank: positive = moved up; null unless ranked in both periods. */
	rankChange: number | null;
	/** score − previousScore; null unless both are known. */
	scoreChange: number | null;
};

export type AssessmentRanking = {
	/** Ranked units by rank, then the unranked by surveyed (desc) and name. */
	units: AssessmentUnit[];
	/** 红榜: the five best ranked. */
	red: AssessmentUnit[];
	/** 黑榜: the five worst ranked, worst first, never one already on the 红榜. */
	black: AssessmentUnit[];
};

/** GET /api/v1/history/assessment?from&to */
export type HistoryAssessment = {
	from: string;
	to: string;
	timezone: string;
	/** The previous calendar month for a range inside one month, else the same-length range before. */
	previous: { from: string; to: string };
	weights: AssessmentWeights;
	/** Fewer surveys than this: listed, not ranked. */
	minSurveyed: number;
	all: AssessmentUnit;
	districts: AssessmentRanking;
	streets: AssessmentRanking;
	departments: AssessmentRanking;
	/** Topics of the range's tickets, most created first. */
	topics: { topic: string; created: number; surveyed: number }[];
	queryMs: number;
};

/** GET /api/v1/history/topic-trend?topic&months[&to] : one point per month, oldest first. */
export type TopicTrend = {
	topic: string;
	months: Array<{
		/** 'YYYY-MM' */
		month: string;
		created: number;
		surveyed: number;
		responseRate: number | null;
		resolutionRate: number | null;
		satisfactionRate: number | null;
	}>;
	queryMs: number;
};
