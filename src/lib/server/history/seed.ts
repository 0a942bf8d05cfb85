/**
 * Synthetic history at Beijing's scale, generated directly as rollup rows (not events), for demos
 * and benchmarks: ~28 k calls a day on average (peak days ~56 k), ~12 k tickets a day, i.e. about
 * 31 M calls and 13 M tickets over three years. Deterministic for a seed: each day draws from its
 * own generator (seed, day), so any day looks the same whatever range is generated.
 *
 * Shape, from the simulator's peak-day profile (ingest/simulator/profile.ts): the hourly arrival
 * curve, the queue shares, category weights, topics → departments, districts by population.
 * Around it: a weekday/weekend pattern, a slow growth, the heating season (Nov 15 – Mar 15: more
 * calls, livelihood tickets ×1.6 and slower dispatch), summer storms (Jun–Aug, ~1 day in 12: calls
 * ×1.5–2, livelihood ×2, emergency ×2.5), and a service level / answer rate that sag with load
 * around their targets (80% in 15 s, 95%+ answered).
 */
import { CATEGORIES, type Category } from '../../contract/events';
import {
	zeroCallCounts,
	zeroTicketCounts,
	type CallRollupRow,
	type TicketRollupRow
} from '../../metrics/rollup';
import { addDays } from '../../metrics/timezone';
import type { AssessmentRollupRow } from '../../metrics/assessment-rollup';
import { createAssessmentSeed } from './seed-assessment';
import { createRng, hashSeed, lognormal, normal, type Rng } from '../ingest/simulator/prng';
import { PEAK_DAY_PROFILE, type HallProfile } from '../ingest/simulator/profile';

/** Average calls per day before the weekday, season and growth factors. */
const BASE_CALLS_PER_DAY = 25_800;
/** Tickets per offered call (12 k / 28 k). */
const TICKETS_PER_CALL = 0.43;
const DOW_FACTOR = [0.78, 1.12, 1.05, 1.0, 1.0, 0.97, 0.8]; // Sunday … Saturday
const GROWTH_PER_YEAR = 0.05;
const MEAN_TALK_SECONDS = 240;

export type SeedDay = {
	day: string;
	calls: CallRollupRow[];
	tickets: TicketRollupRow[];
	/** The same day's tickets by street and topic, with their surveys (seed-assessment.ts). */
	assessment: AssessmentRollupRow[];
};

type DepartmentShare = { category: Category; district: string; department: string; share: number };

/** Every (category, district, department) with its share of the category's tickets. */
function departmentShares(profile: HallProfile): DepartmentShare[] {
	const districtTotal = profile.districts.reduce((n, d) => n + d.weight, 0);
	const out = new Map<string, DepartmentShare>();
	for (const category of CATEGORIES) {
		const topics = profile.topics.filter((t) => t.category === category);
		const topicTotal = topics.reduce((n, t) => n + t.weight, 0);
		for (const topic of topics) {
			for (const template of topic.departments) {
				for (const d of profile.districts) {
					const streets = template.includes('{street}') ? d.streets : [''];
					for (const street of streets) {
						const department = template
							.replace('{district}', d.name)
							.replace('{d}', d.short)
							.replace('{street}', street);
						const share =
							(topic.weight / topicTotal / topic.departments.length) *
							(d.weight / districtTotal) *
							(1 / streets.length);
						const key = `${category}|${d.name}|${department}`;
						const prev = out.get(key);
						if (prev) prev.share += share;
						else out.set(key, { category, district: d.name, department, share });
					}
				}
			}
		}
	}
	return [...out.values()];
}

/** Month-day as a number, 1115 for Nov 15. */
const monthDay = (day: string) => Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));
const isHeating = (day: string) => monthDay(day) >= 1115 || monthDay(day) <= 315;
const isSummer = (day: string) => monthDay(day) >= 601 && monthDay(day) <= 831;

/** A count drawn around n·p (normal approximation of the binomial), within [0, n]. */
function binomial(rng: Rng, n: number, p: number): number {
	if (n <= 0) return 0;
	const q = Math.min(1, Math.max(0, p));
	const k = Math.round(n * q + normal(rng) * Math.sqrt(n * q * (1 - q)));
	return Math.min(n, Math.max(0, k));
}

/** floor(x), plus one with probability frac(x): unbiased rounding of small expectations. */
function roundRandom(rng: Rng, x: number): number {
	const f = Math.floor(x);
	return f + (rng() < x - f ? 1 : 0);
}

export function createSeedGenerator(options: { seed: number; profile?: HallProfile }) {
	const profile = options.profile ?? PEAK_DAY_PROFILE;
	const hourly = profile.callsPerHour;
	const dayTotal = hourly.reduce((n, x) => n + x, 0);
	const peakHour = Math.max(...hourly);
	const shares = departmentShares(profile);
	const categoryWeights = profile.categoryWeights;
	const assessmentDay = createAssessmentSeed(options.seed, profile);

	/** The rollup rows of one business day. `dayIndex` counts days from the first seeded one. */
	function day(dayStr: string, yearsFromStart: number): SeedDay {
		const rng = createRng(hashSeed(options.seed, Date.parse(`${dayStr}T00:00:00Z`)));
		const dow = new Date(`${dayStr}T00:00:00Z`).getUTCDay();
		const heating = isHeating(dayStr);
		const storm = isSummer(dayStr) && rng() < 1 / 12;
		const stormFactor = storm ? 1.5 + rng() * 0.5 : 1;
		const factor =
			(DOW_FACTOR[dow] ?? 1) *
			(heating ? 1.12 : 1) *
			stormFactor *
			(1 + GROWTH_PER_YEAR * yearsFromStart) *
			lognormal(rng, 1, 0.06);
		const callsToday = BASE_CALLS_PER_DAY * factor;
		// Stress: > 1 on busy days, when the hall is short of agents for the load.
		const stress = Math.max(0.6, callsToday / 30_000);

		const calls: CallRollupRow[] = [];
		for (let slot = 0; slot < 96; slot++) {
			const hour = Math.floor(slot / 4);
			const load = (hourly[hour] ?? 0) / peakHour; // 0..1, 1 at the busiest hour
			const expected = (callsToday * (hourly[hour] ?? 0)) / dayTotal / 4;
			for (const q of profile.queues) {
				const offered = Math.max(0, roundRandom(rng, expected * q.share * lognormal(rng, 1, 0.08)));
				if (offered === 0) continue;
				const pressure = load ** 3 * stress;
				const abandoned = binomial(rng, offered, 0.012 + 0.05 * pressure);
				const answered = offered - abandoned;
				const serviceLevel = Math.min(
					0.99,
					Math.max(0.15, 0.96 - 0.25 * load ** 2 * stress ** 1.5)
				);
				const answeredWithinTarget = binomial(rng, answered, serviceLevel);
				const asaSeconds = 4 + 70 * (1 - serviceLevel) * lognormal(rng, 1, 0.15);
				const talkSeconds = MEAN_TALK_SECONDS * lognormal(rng, 1, 0.05);
				calls.push({
					day: dayStr,
					minute: slot * 15,
					queue: q.id,
					...zeroCallCounts(),
					offered,
					answered,
					answeredWithinTarget,
					abandoned,
					waitMsSum: Math.round(answered * asaSeconds * 1000),
					ended: answered,
					talkMsSum: Math.round(answered * talkSeconds * 1000)
				});
			}
		}

		const ticketsToday = callsToday * TICKETS_PER_CALL;
		const categoryFactor: Record<Category, number> = {
			emergency: storm ? 2.5 : 1,
			livelihood: (heating ? 1.6 : 1) * (storm ? 2 : 1),
			general: 1
		};
		const weightSum = CATEGORIES.reduce((n, c) => n + categoryWeights[c] * categoryFactor[c], 0);
		const onTimeBase: Record<Category, number> = {
			emergency: 0.975,
			livelihood: heating || storm ? 0.93 : 0.965,
			general: 0.97
		};
		const tickets: TicketRollupRow[] = [];
		for (const s of shares) {
			const categoryShare = (categoryWeights[s.category] * categoryFactor[s.category]) / weightSum;
			const created = roundRandom(rng, ticketsToday * categoryShare * s.share);
			if (created === 0) continue;
			const dispatched = created;
			const dispatchedOnTime = binomial(rng, dispatched, onTimeBase[s.category]);
			const feedbackUnresolvable = binomial(rng, dispatched, 0.08);
			const feedbackUnreasonable = binomial(rng, dispatched - feedbackUnresolvable, 0.04 / 0.92);
			const surveyed = binomial(rng, created, 0.85);
			const responded = binomial(rng, surveyed, 0.98);
			const resolved = binomial(
				rng,
				responded,
				heating && s.category === 'livelihood' ? 0.74 : 0.8
			);
			const satisfied = binomial(rng, responded, 0.9);
			tickets.push({
				day: dayStr,
				category: s.category,
				district: s.district,
				department: s.department,
				...zeroTicketCounts(),
				created,
				dispatched,
				dispatchedOnTime,
				dispatchedLate: dispatched - dispatchedOnTime,
				feedbackResolved: dispatched - feedbackUnresolvable - feedbackUnreasonable,
				feedbackUnresolvable,
				feedbackUnreasonable,
				surveyed,
				responded,
				resolved,
				satisfied
			});
		}
		const assessment = assessmentDay(dayStr, Math.round(ticketsToday), {
			heating,
			storm
		});
		return { day: dayStr, calls, tickets, assessment };
	}

	return {
		/** The days of the `years` years that end with `lastDay`, oldest first. */
		*days(lastDay: string, years: number): Generator<SeedDay> {
			const count = Math.round(years * 365.25);
			const first = addDays(lastDay, -(count - 1));
			for (let i = 0; i < count; i++) yield day(addDays(first, i), i / 365.25);
		},
		day
	};
}
