/** Summed rollup counts → the contract's totals with their rates (pure). */
import type { CallTotals, TicketTotals } from '../../contract/history';
import type { CallCounts, TicketCounts } from '../../metrics/rollup';
import { zeroCallCounts, zeroTicketCounts } from '../../metrics/rollup';
import { completionOf } from '../../metrics/completion';

function ratio(n: number, d: number): number | null {
	return d === 0 ? null : n / d;
}

export function callTotals(c: CallCounts = zeroCallCounts()): CallTotals {
	const handled = c.answered + c.abandoned;
	return {
		offered: c.offered,
		answered: c.answered,
		answeredWithinTarget: c.answeredWithinTarget,
		abandoned: c.abandoned,
		waitSecondsSum: c.waitMsSum / 1000,
		talkSecondsSum: c.talkMsSum / 1000,
		ended: c.ended,
		serviceLevel: ratio(c.answeredWithinTarget, handled),
		answerRate: ratio(c.answered, handled),
		abandonRate: ratio(c.abandoned, handled),
		asaSeconds: c.answered === 0 ? null : c.waitMsSum / 1000 / c.answered,
		ahtSeconds: c.ended === 0 ? null : c.talkMsSum / 1000 / c.ended
	};
}

export function ticketTotals(t: TicketCounts = zeroTicketCounts()): TicketTotals {
	return {
		created: t.created,
		dispatched: t.dispatched,
		dispatchedOnTime: t.dispatchedOnTime,
		dispatchedLate: t.dispatchedLate,
		onTimeRate: ratio(t.dispatchedOnTime, t.dispatched),
		feedback: {
			resolved: t.feedbackResolved,
			unresolvable: t.feedbackUnresolvable,
			unreasonable: t.feedbackUnreasonable
		},
		surveyed: t.surveyed,
		responded: t.responded,
		resolved: t.resolved,
		satisfied: t.satisfied,
		responseRate: ratio(t.responded, t.surveyed),
		resolutionRate: ratio(t.resolved, t.surveyed),
		satisfactionRate: ratio(t.satisfied, t.surveyed),
		completion: completionOf(t)
	};
}
