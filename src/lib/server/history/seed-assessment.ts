/**
 * Synthetic 接诉即办 assessment rows for the seed (seed.ts): one business day's tickets by district
 * × street × topic, with their department and callback surveys. Streets are real 街道 of each
 * district (the profile's list, src/lib/server/ingest/simulator/profile.ts, named after the
 * 民政部 administrative divisions; a few per district); topics are the hotline's common 诉求
 * (供暖 only in the heating season, 停水 and 交通出行 up in summer storms).
 *
 * Quality differs by district and by month (a draw per (seed, month, district)), so the monthly
 * ranking moves: a district's response, resolution and satisfaction rates sit around the hall's
 * (98 %, 80 %, 90 %) shifted by its month's form. Deterministic for a seed.
 */
import type { AssessmentRollupRow } from '../../metrics/assessment-rollup';
import { zeroAssessmentCounts } from '../../metrics/assessment-rollup';
import { createRng, hashSeed, normal, type Rng } from '../ingest/simulator/prng';
import type { HallProfile } from '../ingest/simulator/profile';

type SeedTopic = {
	topic: string;
	weight: number;
	/** `{district}` the district's name, `{street}` the 街道's. */
	department: string;
	heating?: number;
	storm?: number;
	/** Lower resolution on hard topics. */
	resolvedShift?: number;
};

export const SEED_TOPICS: readonly SeedTopic[] = [
	{ topic: '供暖', weight: 2, department: '北京市热力集团', heating: 9, resolvedShift: -0.08 },
	{ topic: '停水', weight: 4, department: '北京市自来水集团', storm: 1.6 },
	{
		topic: '噪音扰民',
		weight: 6,
		department: '{district}生态环境局',
		storm: 1.3,
		resolvedShift: -0.1
	},
	{ topic: '物业管理', weight: 8, department: '{street}街道办事处', resolvedShift: -0.05 },
	{ topic: '市容环境', weight: 5, department: '{street}街道办事处' },
	{ topic: '交通出行', weight: 5, department: '{district}交通委', storm: 1.3 },
	{ topic: '房屋租赁', weight: 3, department: '{district}住建委', resolvedShift: -0.06 },
	{ topic: '劳动社保', weight: 3, department: '{district}人力社保局' },
	{ topic: '教育', weight: 2, department: '{district}教委' },
	{ topic: '消费维权', weight: 4, department: '{district}市场监管局' }
];

const clamp = (x: number) => Math.min(1, Math.max(0, x));

function binomial(rng: Rng, n: number, p: number): number {
	if (n <= 0) return 0;
	const q = clamp(p);
	const k = Math.round(n * q + normal(rng) * Math.sqrt(n * q * (1 - q)));
	return Math.min(n, Math.max(0, k));
}

function roundRandom(rng: Rng, x: number): number {
	const f = Math.floor(x);
	return f + (rng() < x - f ? 1 : 0);
}

/** Stable small number for a name (the district's form draw). */
function nameHash(s: string): number {
	let h = 0;
	for (const c of s) h = (h * 31 + (c.codePointAt(0) ?? 0)) | 0;
	return h >>> 0;
}

export function createAssessmentSeed(seed: number, profile: HallProfile) {
	const districtTotal = profile.districts.reduce((n, d) => n + d.weight, 0);
	/** A district's form in a month: shifts of its three rates. */
	function form(month: string, district: string) {
		const rng = createRng(hashSeed(seed, Number(month.replace('-', '')), nameHash(district)));
		return {
			responded: normal(rng) * 0.008,
			resolved: normal(rng) * 0.04,
			satisfied: normal(rng) * 0.03
		};
	}

	/** The rows of one day with `tickets` tickets in all; `heating`, `storm` as the day's. */
	return function day(
		dayStr: string,
		tickets: number,
		season: { heating: boolean; storm: boolean }
	): AssessmentRollupRow[] {
		const rng = createRng(hashSeed(seed, Date.parse(`${dayStr}T00:00:00Z`), 0xa55e55));
		const factor = (t: SeedTopic) =>
			t.weight *
			(t.heating === undefined ? 1 : season.heating ? t.heating : 0.05) *
			(season.storm ? (t.storm ?? 1) : 1);
		const topicTotal = SEED_TOPICS.reduce((n, t) => n + factor(t), 0);
		const rows: AssessmentRollupRow[] = [];
		for (const d of profile.districts) {
			const f = form(dayStr.slice(0, 7), d.name);
			for (const s of d.streets) {
				const street = `${s}街道`;
				for (const t of SEED_TOPICS) {
					const expected =
						(tickets * d.weight * factor(t)) / districtTotal / d.streets.length / topicTotal;
					const created = roundRandom(rng, expected);
					if (created === 0) continue;
					const surveyed = binomial(rng, created, 0.85);
					const responded = binomial(rng, surveyed, 0.98 + f.responded);
					rows.push({
						day: dayStr,
						district: d.name,
						street,
						department: t.department.replace('{district}', d.name).replace('{street}', street),
						topic: t.topic,
						...zeroAssessmentCounts(),
						created,
						surveyed,
						responded,
						resolved: binomial(rng, responded, 0.8 + f.resolved + (t.resolvedShift ?? 0)),
						satisfied: binomial(rng, responded, 0.9 + f.satisfied)
					});
				}
			}
		}
		return rows;
	};
}
