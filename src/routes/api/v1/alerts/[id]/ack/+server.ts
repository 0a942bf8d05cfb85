import { json } from '@sveltejs/kit';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import { ANONYMOUS_ACK } from '$lib/server/realtime/supervision';
import type { RequestHandler } from './$types';

/**
 * Acknowledges an alert as the signed-in user (who may do so is decided by the request hooks).
 * 200 with the alert; 404 unknown; 409 already acknowledged, saying by whom and when.
 */
export const POST: RequestHandler = withApp(async (app, { params, locals }) => {
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) {
		return problem(400, `id: must be a positive integer, got ${JSON.stringify(params.id)}`);
	}
	const principal = locals.principal;
	const who = principal?.kind === 'user' ? principal.username : ANONYMOUS_ACK;
	const result = await app.alerts.ack(id, who);
	if (result.status === 'not-found') return problem(404, `no alert ${id}`);
	if (result.status === 'already') {
		const { ackedBy, ackedAt } = result.alert;
		return problem(409, `alert ${id} was already acknowledged by ${ackedBy} at ${ackedAt}`, {
			details: { alert: result.alert }
		});
	}
	return json(result.alert);
}, 'acknowledging an alert failed');
