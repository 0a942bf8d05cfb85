/**
 * Ticket timelines for supervisors (`GET /api/v1/tickets/{id}`): a ticket's stored events (the
 * events table holds them with entity = ticketId), read back and laid out by the pure timeline.
 */
import { and, asc, eq, like } from 'drizzle-orm';
import type { Category, TicketTimeline, TicketUrge, WallboardEvent } from '../contract';
import { ticketTimeline } from '../metrics/timeline';
import { events } from './db/schema';
import { ticketUrges } from './db/urges-schema';
import type { StoreDatabase } from './db/drizzle-store';

/** At most this many events of one ticket are read (a ticket has four kinds of event). */
const TICKET_EVENTS_MAX = 500;

export interface TicketTimelines {
	/** The ticket's timeline at `now`, or null when no `ticket.created` of it is stored. */
	timeline(ticketId: string, now: number): Promise<TicketTimeline | null>;
	/**
	 * Records a 催办 by `by` at `now` on a ticket that is overdue (pending past its dispatch
	 * deadline); a ticket not overdue, or unknown, is refused.
	 */
	urge(ticketId: string, by: string, note: string, now: number): Promise<UrgeResult>;
}

export type UrgeResult =
	| { status: 'urged'; urge: TicketUrge }
	| { status: 'not-found' }
	| { status: 'not-overdue'; ticketStatus: TicketTimeline['status'] };

export async function loadTicketEvents(
	db: StoreDatabase,
	ticketId: string
): Promise<WallboardEvent[]> {
	const rows = await db
		.select({ payload: events.payload })
		.from(events)
		.where(and(eq(events.entity, ticketId), like(events.type, 'ticket.%')))
		.limit(TICKET_EVENTS_MAX);
	return rows.map((r) => r.payload);
}

export function createTicketTimelines(
	db: StoreDatabase,
	dispatchDeadlineMs: Record<Category, number>
): TicketTimelines {
	async function timeline(ticketId: string, now: number): Promise<TicketTimeline | null> {
		const t = ticketTimeline(
			ticketId,
			await loadTicketEvents(db, ticketId),
			dispatchDeadlineMs,
			now
		);
		if (t === null) return null;
		const rows = await db
			.select()
			.from(ticketUrges)
			.where(eq(ticketUrges.ticketId, ticketId))
			.orderBy(asc(ticketUrges.urgedAt), asc(ticketUrges.id));
		return {
			...t,
			urges: rows.map((r) => ({ at: r.urgedAt.toISOString(), by: r.urgedBy, note: r.note }))
		};
	}

	return {
		timeline,
		async urge(ticketId, by, note, now) {
			const t = await timeline(ticketId, now);
			if (t === null) return { status: 'not-found' };
			if (t.status !== 'overdue') return { status: 'not-overdue', ticketStatus: t.status };
			const [row] = await db
				.insert(ticketUrges)
				.values({ ticketId, urgedBy: by, urgedAt: new Date(now), note })
				.returning();
			return {
				status: 'urged',
				urge: { at: row!.urgedAt.toISOString(), by: row!.urgedBy, note: row!.note }
			};
		}
	};
}
