/**
 * The KPI cards of a summary: each figure with its previous-period value (环比), the same
 * period a year before (同比), its target (when the wall has one) and which side is better.
 * Pure; the card formats.
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
	| 'satisfactionRate'
	| 'completionRate'
	| 'unresolvableShare'
	| 'unreasonableShare';

export type Kpi = {
	id: KpiId;
	group: 'calls' | 'tickets';
	unit: 'rate' | 'seconds';
	value: number | null;
	previous: number | null;
	/** The same period a year before (同比). */
	yearAgo: number | null;
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
	const yc = s.yearAgo.calls;
	const yt = s.yearAgo.tickets;
	const tc = t.completion;
	const handled = c.answered + c.abandoned;
	const rate = (
		id: KpiId,
		group: Kpi['group'],
		value: number | null,
		[previous, yearAgo]: [number | null, number | null],
		part: number,
		whole: number,
		target: number | null = null,
		better: Better = 'higher'
	): Kpi => ({ id, group, unit: 'rate', value, previous, yearAgo, better, target, part, whole });
	return [
		rate(
			'serviceLevel',
			'calls',
			c.serviceLevel,
			[pc.serviceLevel, yc.serviceLevel],
			c.answeredWithinTarget,
			handled,
			s.targets.serviceLevel
		),
		rate(
			'answerRate',
			'calls',
			c.answerRate,
			[pc.answerRate, yc.answerRate],
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
			yearAgo: yc.asaSeconds,
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
			[pc.abandonRate, yc.abandonRate],
			c.abandoned,
			handled,
			Math.round((1 - s.targets.answerRate) * 1e6) / 1e6,
			'lower'
		),
		rate(
			'onTimeRate',
			'tickets',
			t.onTimeRate,
			[pt.onTimeRate, yt.onTimeRate],
			t.dispatchedOnTime,
			t.dispatched,
			s.targets.onTimeRate
		),
		rate(
			'responseRate',
			'tickets',
			t.responseRate,
			[pt.responseRate, yt.responseRate],
			t.responded,
			t.surveyed
		),
		rate(
			'resolutionRate',
			'tickets',
			t.resolutionRate,
			[pt.resolutionRate, yt.resolutionRate],
			t.resolved,
			t.surveyed
		),
		rate(
			'satisfactionRate',
			'tickets',
			t.satisfactionRate,
			[pt.satisfactionRate, yt.satisfactionRate],
			t.satisfied,
			t.surveyed
		),
		// 办结 (metrics/completion.ts): the units' replies against the tickets created.
		rate(
			'completionRate',
			'tickets',
			tc.completionRate,
			[pt.completion.completionRate, yt.completion.completionRate],
			tc.closed,
			t.created
		),
		rate(
			'unresolvableShare',
			'tickets',
			tc.unresolvableShare,
			[pt.completion.unresolvableShare, yt.completion.unresolvableShare],
			t.feedback.unresolvable,
			tc.closed,
			null,
			'lower'
		),
		rate(
			'unreasonableShare',
			'tickets',
			tc.unreasonableShare,
			[pt.completion.unreasonableShare, yt.completion.unreasonableShare],
			t.feedback.unreasonable,
			tc.closed,
			null,
			'lower'
		)
	];
}

/** True when the summary has nothing at all to show: no call, no ticket, no survey. */
export function isEmptySummary(s: HistorySummary): boolean {
	const c = s.calls.all;
	const t = s.tickets.all;
	return c.offered + c.answered + c.abandoned === 0 && t.created + t.dispatched + t.surveyed === 0;
}
