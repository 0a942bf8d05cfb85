/** A ticket's stored events, for its timeline (the events table holds them with entity = ticketId). */
import { and, eq, like } from 'drizzle-orm';
import type { WallboardEvent } from '../contract';
import { events } from './db/schema';
import type { StoreDatabase } from './db/drizzle-store';

/** At most this many events of one ticket are read (a ticket has four kinds of event). */
const TICKET_EVENTS_MAX = 500;

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
