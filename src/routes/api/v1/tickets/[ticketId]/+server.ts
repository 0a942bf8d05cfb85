import { json } from '@sveltejs/kit';
import { ticketTimeline } from '$lib/metrics/timeline';
import { problem, requireApp } from '$lib/server/http';
import { loadTicketEvents } from '$lib/server/tickets';
import type { RequestHandler } from './$types';

/**
 * A ticket's timeline for supervisors: created (caller masked, summary shown only here),
 * dispatched (on time or late), feedback (outcome, reason, legal basis), survey.
 */
export const GET: RequestHandler = async ({ params }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const ticketId = params.ticketId;
	if (ticketId.length > 128) return problem(400, 'ticketId: at most 128 characters');
	let stored;
	try {
		stored = await loadTicketEvents(app.internals.store.db, ticketId);
	} catch (err) {
		app.logger.error({ err, ticketId }, 'reading a ticket timeline failed');
		return problem(503, 'the database is unavailable; retry shortly', { 'Retry-After': '5' });
	}
	const timeline = ticketTimeline(ticketId, stored, app.config.dispatchDeadlineMs, Date.now());
	if (timeline === null) {
		return problem(
			404,
			`no ticket ${JSON.stringify(ticketId)}: check the number, or it may be older than the stored history`
		);
	}
	return json(timeline, { headers: { 'Cache-Control': 'no-store' } });
};
