/**
 * The KPI cards of a summary: each figure with its previous-period value, its target (when the
 * wall has one) and which side is better. Pure; the card formats.
 */
import type { HistorySummary } from '$lib/contract/history';
import type { Better } from '$lib/client/delta';

export type KpiId =
	| 'serviceLevel'
	| 'answerRate'
	| 'asa'
	| 'abandonRate'
	| 'onTimeRate'
	| 'responseRate'
	| 'resolutionRate'
	| 'satisfactionRate';

export type Kpi = {
	id: KpiId;
	group: 'calls' | 'tickets';
	unit: 'rate' | 'seconds';
	value: number | null;
	previous: number | null;
	better: Better;
	/** The target to meet (a fraction for rates), or null when there is none. */
	target: number | null;
	/** The counts behind a rate: part / whole. */
	part: number | null;
	whole: number | null;
};

export function kpisOf(s: HistorySummary): Kpi[] {
	const c = s.calls.all;
	const pc = s.previous.calls;
	const t = s.tickets.all;
	const pt = s.previous.tickets;
	const handled = c.answered + c.abandoned;
	const rate = (
		id: KpiId,
		group: Kpi['group'],
		value: number | null,
		previous: number | null,
		part: number,
		whole: number,
		target: number | null = null,
		better: Better = 'higher'
	): Kpi => ({ id, group, unit: 'rate', value, previous, better, target, part, whole });
	return [
		rate(
			'serviceLevel',
			'calls',
			c.serviceLevel,
			pc.serviceLevel,
			c.answeredWithinTarget,
			handled,
			s.targets.serviceLevel
		),
		rate(
			'answerRate',
			'calls',
			c.answerRate,
			pc.answerRate,
			c.answered,
			handled,
			s.targets.answerRate
		),
		{
			id: 'asa',
			group: 'calls',
			unit: 'seconds',
			value: c.asaSeconds,
			previous: pc.asaSeconds,
			better: 'lower',
			target: null,
			part: null,
			whole: null
		},
		// Every handled call is answered or abandoned: meeting the answer-rate target is the same
		// as keeping abandons at or below its complement.
		rate(
			'abandonRate',
			'calls',
			c.abandonRate,
			pc.abandonRate,
			c.abandoned,
			handled,
			Math.round((1 - s.targets.answerRate) * 1e6) / 1e6,
			'lower'
		),
		rate(
			'onTimeRate',
			'tickets',
			t.onTimeRate,
			pt.onTimeRate,
			t.dispatchedOnTime,
			t.dispatched,
			s.targets.onTimeRate
		),
		rate('responseRate', 'tickets', t.responseRate, pt.responseRate, t.responded, t.surveyed),
		rate('resolutionRate', 'tickets', t.resolutionRate, pt.resolutionRate, t.resolved, t.surveyed),
		rate(
			'satisfactionRate',
			'tickets',
			t.satisfactionRate,
			pt.satisfactionRate,
			t.satisfied,
			t.surveyed
		)
	];
}

/** True when the summary has nothing at all to show: no call, no ticket, no survey. */
export function isEmptySummary(s: HistorySummary): boolean {
	const c = s.calls.all;
	const t = s.tickets.all;
	return c.offered + c.answered + c.abandoned === 0 && t.created + t.dispatched + t.surveyed === 0;
}
