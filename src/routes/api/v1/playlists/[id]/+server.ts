import { json } from '@sveltejs/kit';
import { actorOf, boardsAnswer, jsonBody } from '$lib/server/boards/http';
import { problem } from '$lib/server/http/problem';
import { withApp } from '$lib/server/http/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = withApp(async (app, { params }) => {
	const playlist = await app.boards.getPlaylist(params.id);
	return playlist
		? json(playlist, { headers: { 'Cache-Control': 'no-store' } })
		: problem(404, `no playlist "${params.id}"`);
});

/** Stores the playlist (new or replacing): 200 with it as stored; 400 names the item by index. */
export const PUT: RequestHandler = withApp(async (app, { request, params, locals }) => {
	const body = await jsonBody(request);
	if (body instanceof Response) return body;
	return boardsAnswer(async () => {
		const stored = await app.boards.putPlaylist(body.value, params.id, actorOf(locals));
		await app.audit.record({
			actor: locals.principal,
			action: 'playlist.save',
			target: params.id,
			detail: { name: stored.name }
		});
		return json(stored);
	});
});

/** 204; 404 when there is none; 409 while a screen rotates through it. */
export const DELETE: RequestHandler = withApp(async (app, { params, locals }) =>
	boardsAnswer(async () => {
		await app.boards.deletePlaylist(params.id, actorOf(locals));
		await app.audit.record({
			actor: locals.principal,
			action: 'playlist.delete',
			target: params.id
		});
		return new Response(null, { status: 204 });
	})
);
