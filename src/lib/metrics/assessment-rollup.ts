/**
 * The 接诉即办 assessment rollup: what one ticket adds per business day × district × street ×
 * department × topic — `created` on the day of its earliest `ticket.created`, the latest
 * `ticket.survey`'s answers on the survey's own day. District, street and topic are the earliest
 * created's, the department the earliest dispatch's ('' while not dispatched): the rules of
 * rules.ts, the same as the ticket rollups (rollup.ts), so the assessment's `surveyed` per
 * district equals the ticket rollups' per district.
 */
import type { WallboardEvent } from '../contract/events';
import { collectTicket } from './rules';

export type AssessmentCounts = {
	created: number;
	surveyed: number;
	responded: number;
	resolved: number;
	satisfied: number;
};

export type AssessmentRollupRow = {
	day: string;
	district: string;
	/** '' when the ticket names no street. */
	street: string;
	/** '' while not dispatched. */
	department: string;
	/** '' when the ticket names no topic. */
	topic: string;
} & AssessmentCounts;

export const ASSESSMENT_COUNT_KEYS = [
	'created',
	'surveyed',
	'responded',
	'resolved',
	'satisfied'
] as const satisfies readonly (keyof AssessmentCounts)[];

export function zeroAssessmentCounts(): AssessmentCounts {
	return { created: 0, surveyed: 0, responded: 0, resolved: 0, satisfied: 0 };
}

/** Keys never contain NUL: the ingest refuses NUL in every string. */
const SEP = '\u0000';
export const assessmentKey = (r: Omit<AssessmentRollupRow, keyof AssessmentCounts>) =>
	`${r.day}${SEP}${r.district}${SEP}${r.street}${SEP}${r.department}${SEP}${r.topic}`;

/** The rows one ticket adds, from all its events; `dayOf` maps an instant to its business day. */
export function assessmentRows(
	events: readonly WallboardEvent[],
	dayOf: (at: number) => string
): AssessmentRollupRow[] {
	const ticket = collectTicket(events);
	const created = ticket.created;
	if (created === null) return [];
	const { district } = created;
	const street = created.street ?? '';
	const topic = created.topic ?? '';
	const department = ticket.dispatched?.department ?? '';
	const rows = new Map<string, AssessmentRollupRow>();
	const row = (at: number): AssessmentRollupRow => {
		const keys = { day: dayOf(at), district, street, department, topic };
		const key = assessmentKey(keys);
		let r = rows.get(key);
		if (r === undefined) {
			r = { ...keys, ...zeroAssessmentCounts() };
			rows.set(key, r);
		}
		return r;
	};
	row(created.at).created += 1;
	const survey = ticket.survey;
	if (survey !== null) {
		const r = row(survey.at);
		r.surveyed += 1;
		if (survey.responded) r.responded += 1;
		if (survey.resolved) r.resolved += 1;
		if (survey.satisfied) r.satisfied += 1;
	}
	return [...rows.values()];
}

/** Signed sums per key (RollupDelta's assessment part). */
export class AssessmentSums {
	readonly #rows = new Map<string, AssessmentRollupRow>();

	add(rows: readonly AssessmentRollupRow[], sign: 1 | -1): void {
		for (const r of rows) {
			const key = assessmentKey(r);
			let t = this.#rows.get(key);
			if (t === undefined) {
				const { day, district, street, department, topic } = r;
				t = { day, district, street, department, topic, ...zeroAssessmentCounts() };
				this.#rows.set(key, t);
			}
			for (const k of ASSESSMENT_COUNT_KEYS) t[k] += sign * r[k];
		}
	}

	/** Non-zero rows sorted by key (the fixed upsert order). */
	deltas(): AssessmentRollupRow[] {
		return [...this.#rows.entries()]
			.filter(([, r]) => ASSESSMENT_COUNT_KEYS.some((k) => r[k] !== 0))
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([, r]) => r);
	}
}
