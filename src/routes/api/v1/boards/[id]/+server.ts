import { json } from '@sveltejs/kit';
import { actorOf, boardsAnswer, jsonBody } from '$lib/server/boards/http';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

/** One board (built-in or stored); 404 when there is none by that id. */
export const GET: RequestHandler = withApp(async (app, { params }) => {
	const board = await app.boards.getBoard(params.id);
	return board
		? json(board, { headers: { 'Cache-Control': 'no-store' } })
		: problem(404, `no board "${params.id}"`);
});

/**
 * Stores the board under this id (new or replacing): 200 with the board as stored. 400 names the
 * tile by index (all problems in `problems`); 409 for a built-in id.
 */
export const PUT: RequestHandler = withApp(async (app, { request, params, locals }) => {
	const body = await jsonBody(request);
	if (body instanceof Response) return body;
	return boardsAnswer(async () => {
		const stored = await app.boards.putBoard(body.value, params.id, actorOf(locals));
		await app.audit.record({
			actor: locals.principal,
			action: 'board.save',
			target: params.id,
			detail: { name: stored.name }
		});
		return json(stored);
	});
});

/** 204; 404 when there is none; 409 for a built-in or a board a playlist or screen uses. */
export const DELETE: RequestHandler = withApp(async (app, { params, locals }) =>
	boardsAnswer(async () => {
		await app.boards.deleteBoard(params.id, actorOf(locals));
		await app.audit.record({ actor: locals.principal, action: 'board.delete', target: params.id });
		return new Response(null, { status: 204 });
	})
);
