import { json } from '@sveltejs/kit';
import { urgeInputSchema } from '$lib/contract/api-schemas';
import { readBodyLimited } from '$lib/server/ingest/body';
import { isStorableText } from '$lib/server/history/params';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import { ANONYMOUS_ACK } from '$lib/server/realtime/supervision';
import type { RequestHandler } from './$types';

const URGE_BODY_LIMIT_BYTES = 8 * 1024;

/**
 * 催办: urges the handling side on an overdue ticket, as the signed-in user, with a note.
 * Body `{note}` (1–500 characters). 201 with the urge (it shows in the ticket's timeline);
 * 404 unknown ticket; 409 the ticket is not overdue (pending in time, or dispatched).
 */
export const POST: RequestHandler = withApp(async (app, { params, request, locals }) => {
	const ticketId = params.ticketId;
	if (ticketId.length > 128 || !isStorableText(ticketId)) {
		return problem(400, 'ticketId: at most 128 characters, no NUL or broken UTF-16');
	}
	const text = await readBodyLimited(request, URGE_BODY_LIMIT_BYTES).catch(() => '');
	if (text === null)
		return problem(413, `request body is larger than ${URGE_BODY_LIMIT_BYTES} bytes`);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (err) {
		return problem(400, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
	}
	const parsed = urgeInputSchema.safeParse(raw);
	if (!parsed.success || !isStorableText(parsed.data.note)) {
		const issue = parsed.success ? undefined : parsed.error.issues[0];
		return problem(400, `note: ${issue?.message ?? 'must not contain a NUL character'}`);
	}
	const principal = locals.principal;
	const by = principal?.kind === 'user' ? principal.username : ANONYMOUS_ACK;
	const result = await app.tickets.urge(ticketId, by, parsed.data.note, Date.now());
	if (result.status === 'not-found') return problem(404, `no ticket ${JSON.stringify(ticketId)}`);
	if (result.status === 'not-overdue') {
		return problem(409, `ticket ${ticketId} is not overdue (it is ${result.ticketStatus})`, {
			details: { ticketStatus: result.ticketStatus }
		});
	}
	app.logger.info({ ticketId, by }, 'ticket urged');
	return json(result.urge, { status: 201 });
}, 'urging a ticket failed');
