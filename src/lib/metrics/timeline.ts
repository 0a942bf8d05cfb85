/**
 * A ticket's timeline from its stored events (GET /api/v1/tickets/[ticketId]): created,
 * dispatched (on time or late against the dispatch deadline), feedback, survey, in time order.
 * Pure; PII masked here: the caller's name and phone masked, the summary shown (supervisors
 * only, on this one endpoint).
 */
import type { Category, WallboardEvent } from '../contract/events';
import type { TicketTimeline, TimelineEntry } from '../contract/supervision';
import { maskName, maskPhone } from './mask';

const iso = (ms: number) => new Date(ms).toISOString();

/** Earliest created/dispatched wins, latest feedback/survey wins, as in the engine. */
function pick<T extends WallboardEvent>(events: T[], latest: boolean): T | undefined {
	const sorted = [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	return latest ? sorted.at(-1) : sorted[0];
}

/** null when no event of the ticket is known. */
export function ticketTimeline(
	ticketId: string,
	events: readonly WallboardEvent[],
	dispatchDeadlineMs: Record<Category, number>,
	now: number
): TicketTimeline | null {
	const mine = events.filter((e) => 'ticketId' in e && e.ticketId === ticketId);
	if (mine.length === 0) return null;
	const created = pick(
		mine.filter((e) => e.type === 'ticket.created'),
		false
	);
	const dispatched = pick(
		mine.filter((e) => e.type === 'ticket.dispatched'),
		false
	);
	const feedback = pick(
		mine.filter((e) => e.type === 'ticket.feedback'),
		true
	);
	const survey = pick(
		mine.filter((e) => e.type === 'ticket.survey'),
		true
	);
	const deadline = created ? created.at + dispatchDeadlineMs[created.category] : null;
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
			deadlineAt: iso(created.at + dispatchDeadlineMs[created.category])
		});
	}
	if (dispatched) {
		entries.push({
			type: 'dispatched',
			at: iso(dispatched.at),
			department: dispatched.department,
			onTime: deadline === null ? null : dispatched.at <= deadline,
			deadlineAt: deadline === null ? null : iso(deadline)
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
			: deadline === null
				? 'unknown'
				: deadline < now
					? 'overdue'
					: 'pending';
	return { ticketId, status, entries };
}
