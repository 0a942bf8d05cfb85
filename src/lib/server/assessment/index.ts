/**
 * The 接诉即办 assessment feature: the ranking of a range (queries.ts summed, metrics/assessment.ts
 * scored and ranked against the previous period), the topic trend (每月一题), the weights.
 */
import type { AssessmentWeights, HistoryAssessment, TopicTrend } from '../../contract/assessment';
import { MIN_SURVEYED, rankUnits, totalUnit } from '../../metrics/assessment';
import type { Executor } from '../db/history';
import type { EventStore } from '../db/store';
import type { Logger } from '../logger';
import { previousPeriod } from './months';
import { countsIn, topicMonths } from './queries';
import { createAssessmentWeights, type AssessmentWeightsStore } from './weights';

export interface Assessment {
	readonly weights: AssessmentWeightsStore;
	ranking(from: string, to: string): Promise<Omit<HistoryAssessment, 'queryMs'>>;
	topicTrend(topic: string, months: number, to: string): Promise<Omit<TopicTrend, 'queryMs'>>;
}

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

export function createAssessment(deps: {
	db: Executor;
	store: Pick<EventStore, 'getSetting' | 'setSetting'>;
	timezone: string;
	logger: Logger;
}): Assessment {
	const { db, timezone } = deps;
	const weights = createAssessmentWeights(deps);
	return {
		weights,
		async ranking(from, to) {
			const previous = previousPeriod(from, to);
			const [w, now, before] = await Promise.all([
				weights.current(),
				countsIn(db, from, to),
				countsIn(db, previous.from, previous.to)
			]);
			return rankingOf({ from, to, previous, timezone, weights: w, now, before });
		},
		async topicTrend(topic, months, to) {
			const rows = await topicMonths(db, topic, months, to);
			return {
				topic,
				months: rows.map((r) => ({
					month: r.month,
					created: r.created,
					surveyed: r.surveyed,
					responseRate: rate(r.responded, r.surveyed),
					resolutionRate: rate(r.resolved, r.surveyed),
					satisfactionRate: rate(r.satisfied, r.surveyed)
				}))
			};
		}
	};
}

function rankingOf(a: {
	from: string;
	to: string;
	previous: { from: string; to: string };
	timezone: string;
	weights: AssessmentWeights;
	now: Awaited<ReturnType<typeof countsIn>>;
	before: Awaited<ReturnType<typeof countsIn>>;
}): Omit<HistoryAssessment, 'queryMs'> {
	const { weights, now, before } = a;
	return {
		from: a.from,
		to: a.to,
		timezone: a.timezone,
		previous: a.previous,
		weights,
		minSurveyed: MIN_SURVEYED,
		all: totalUnit('', [now.all], [before.all], weights),
		districts: rankUnits(now.districts, before.districts, weights),
		streets: rankUnits(now.streets, before.streets, weights),
		departments: rankUnits(now.departments, before.departments, weights),
		topics: now.topics
	};
}
