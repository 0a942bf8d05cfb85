import { json } from '@sveltejs/kit';
import { problem, requireApp } from '$lib/server/http';
import { ANONYMOUS_ACK } from '$lib/server/realtime/supervision';
import type { RequestHandler } from './$types';

/**
 * Acknowledges an alert as the signed-in user (who may do so is decided by hooks.server.ts).
 * 200 with the alert; 404 unknown; 409 already acknowledged, saying by whom and when.
 */
export const POST: RequestHandler = async ({ params, locals }) => {
	const app = requireApp();
	if (app instanceof Response) return app;
	const id = Number(params.id);
	if (!Number.isSafeInteger(id) || id <= 0) {
		return problem(400, `id: must be a positive integer, got ${JSON.stringify(params.id)}`);
	}
	const principal = locals.principal;
	const who = principal?.kind === 'user' ? principal.username : ANONYMOUS_ACK;
	let result;
	try {
		result = await app.alerts.ack(id, who);
	} catch (err) {
		app.logger.error({ err, id }, 'acknowledging an alert failed');
		return problem(503, 'the database is unavailable; retry shortly', { 'Retry-After': '5' });
	}
	if (result.status === 'not-found') return problem(404, `no alert ${id}`);
	if (result.status === 'already') {
		return json(
			{
				error: `alert ${id} was already acknowledged by ${result.alert.ackedBy} at ${result.alert.ackedAt}`,
				alert: result.alert
			},
			{ status: 409 }
		);
	}
	return json(result.alert);
};
