/**
 * A ticket's timeline from its stored events (GET /api/v1/tickets/[ticketId]): created,
 * dispatched (on time or late against the dispatch deadline), feedback, survey, in time order.
 * Pure; PII masked here: the caller's name and phone masked, the summary shown (supervisors
 * only, on this one endpoint).
 */
import type {
	Category,
	TicketCreated,
	TicketDispatched,
	TicketFeedback,
	TicketSurvey,
	WallboardEvent
} from '../contract/events';
import type { TicketTimeline, TimelineEntry } from '../contract/supervision';
import { maskName, maskPhone } from './mask';
import { collectTicket, dispatchDeadlineAt, dispatchedOnTime, isOverdue } from './rules';

const iso = (ms: number) => new Date(ms).toISOString();

/** null when no event of the ticket is known. */
export function ticketTimeline(
	ticketId: string,
	events: readonly WallboardEvent[],
	dispatchDeadlineMs: Record<Category, number>,
	now: number
): TicketTimeline | null {
	const mine = events.filter((e) => 'ticketId' in e && e.ticketId === ticketId);
	if (mine.length === 0) return null;
	// The events that count are the ones the engine and the rollups count (rules.ts).
	const counted = collectTicket(mine);
	const byId = (id: string | undefined) =>
		id === undefined ? undefined : mine.find((e) => e.id === id);
	const created = byId(counted.created?.id) as TicketCreated | undefined;
	const dispatched = byId(counted.dispatched?.id) as TicketDispatched | undefined;
	const feedback = byId(counted.feedback?.id) as TicketFeedback | undefined;
	const survey = byId(counted.survey?.id) as TicketSurvey | undefined;
	const deadlineAt = created
		? dispatchDeadlineAt(created.at, created.category, dispatchDeadlineMs)
		: null;
	const entries: TimelineEntry[] = [];
	if (created) {
		entries.push({
			type: 'created',
			at: iso(created.at),
			category: created.category,
			kind: created.kind,
			district: created.district,
			callerNameMasked: created.callerName ? maskName(created.callerName) : null,
			callerPhoneMasked: created.callerPhone ? maskPhone(created.callerPhone) : null,
			summary: created.summary ?? null,
			deadlineAt: iso(dispatchDeadlineAt(created.at, created.category, dispatchDeadlineMs))
		});
	}
	if (dispatched) {
		entries.push({
			type: 'dispatched',
			at: iso(dispatched.at),
			department: dispatched.department,
			onTime: deadlineAt === null ? null : dispatchedOnTime(dispatched.at, deadlineAt),
			deadlineAt: deadlineAt === null ? null : iso(deadlineAt)
		});
	}
	if (feedback) {
		entries.push({
			type: 'feedback',
			at: iso(feedback.at),
			outcome: feedback.outcome,
			reason: feedback.reason ?? null,
			legalBasis: feedback.legalBasis ?? null
		});
	}
	if (survey) {
		const { responded, resolved, satisfied } = survey;
		entries.push({ type: 'survey', at: iso(survey.at), responded, resolved, satisfied });
	}
	entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	const status: TicketTimeline['status'] = feedback
		? 'closed'
		: dispatched
			? 'dispatched'
			: deadlineAt === null
				? 'unknown'
				: isOverdue(deadlineAt, now)
					? 'overdue'
					: 'pending';
	return { ticketId, status, entries };
}
