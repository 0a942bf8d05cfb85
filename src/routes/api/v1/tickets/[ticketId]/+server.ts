import { json } from '@sveltejs/kit';
import { problem } from '$lib/server/http/problem';
import { isStorableText } from '$lib/server/history/params';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/**
 * A ticket's timeline for supervisors: created (caller masked, summary shown only here),
 * dispatched (on time or late), feedback (outcome, reason, legal basis), survey.
 */
export const GET: RequestHandler = withApp(async (app, { params }) => {
	const ticketId = params.ticketId;
	if (ticketId.length > 128) return problem(400, 'ticketId: at most 128 characters');
	if (!isStorableText(ticketId)) {
		return problem(400, 'ticketId: must not contain a NUL character or broken UTF-16');
	}
	const timeline = await app.tickets.timeline(ticketId, Date.now());
	if (timeline === null) {
		return problem(
			404,
			`no ticket ${JSON.stringify(ticketId)}: check the number, or it may be older than the stored history`
		);
	}
	return json(timeline, { headers: { 'Cache-Control': 'no-store' } });
}, 'reading a ticket timeline failed');
