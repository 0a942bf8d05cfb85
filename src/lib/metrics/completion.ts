/**
 * Ticket completion (办结) figures: one home for the rule, used by the history totals
 * (server/history/totals.ts, over the rollups' sums) and by the per-ticket reference the
 * property test checks the rollups against (completion.property.test.ts). Pure.
 *
 * A ticket is 办结 (closed) when its handling unit replied (`ticket.feedback`, contract §2): the
 * reply is the unit's answer on the ticket, whatever its outcome — resolved, unresolvable
 * (with the reason) or unreasonable (with the legal basis). Each ticket counts once, with its
 * latest reply, on that reply's business day (rules.ts `mergeTicketEvent`, rollup.ts).
 *
 * - 办结率 completionRate = replies in the period / tickets created in the period (null with
 *   none created); a period can close tickets created before it, so the rate can exceed 100 %.
 * - unresolvableShare / unreasonableShare = that outcome's replies / all replies (null with
 *   none): the share of replies the unit could not, or would not, resolve.
 *
 * What the contract cannot say (so these figures do not exist here): there is no feedback
 * deadline (only the dispatch deadline, §2), so "late feedback" cannot be counted; `reason` is
 * required with `unresolvable` and `legalBasis` with `unreasonable` (the ingest refuses a reply
 * without them, events.ts), so every stored reply of those outcomes carries them.
 */
import type { FeedbackOutcome } from '../contract/events';

export type CompletionCounts = {
	created: number;
	feedbackResolved: number;
	feedbackUnresolvable: number;
	feedbackUnreasonable: number;
};

export type CompletionFigures = {
	/** Replies (办结) in the period, any outcome. */
	closed: number;
	completionRate: number | null;
	unresolvableShare: number | null;
	unreasonableShare: number | null;
};

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The rollup column one reply outcome counts in. */
export const FEEDBACK_COUNT_KEY = {
	resolved: 'feedbackResolved',
	unresolvable: 'feedbackUnresolvable',
	unreasonable: 'feedbackUnreasonable'
} as const satisfies Record<FeedbackOutcome, keyof CompletionCounts>;

export function completionOf(c: CompletionCounts): CompletionFigures {
	const closed = c.feedbackResolved + c.feedbackUnresolvable + c.feedbackUnreasonable;
	return {
		closed,
		completionRate: ratio(closed, c.created),
		unresolvableShare: ratio(c.feedbackUnresolvable, closed),
		unreasonableShare: ratio(c.feedbackUnreasonable, closed)
	};
}
