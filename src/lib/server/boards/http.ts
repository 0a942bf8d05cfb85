/**
 * What the boards and playlists routes share: the JSON body (at most 256 KiB), the acting user,
 * and a BoardsError as the one error shape (`{message, problems?}`). Errors are told by name:
 * the routes' bundled copy of this feature is not the server's (see runtime.ts).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { readBodyLimited } from '../ingest/body';
import { problem } from '../http/problem';
import type { BoardProblem } from '../../boards/validate';

export const BOARDS_BODY_LIMIT_BYTES = 256 * 1024;

/** The body as JSON, or the Response that refuses it. */
export async function jsonBody(request: Request): Promise<{ ok: true; value: unknown } | Response> {
	const text = await readBodyLimited(request, BOARDS_BODY_LIMIT_BYTES).catch(() => '');
	if (text === null)
		return problem(413, `request body is larger than ${BOARDS_BODY_LIMIT_BYTES} bytes`);
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (err) {
		return problem(400, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
	}
}

/** Who is changing it (the policy admits only signed-in managers and admins). */
export function actorOf(locals: RequestEvent['locals']): string {
	const p = locals.principal;
	return p?.kind === 'user' ? p.username : 'unknown';
}

/** Runs a change; a BoardsError becomes its 400/404/409. */
export async function boardsAnswer(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (err) {
		if (err instanceof Error && err.name === 'BoardsError') {
			const e = err as Error & { status: number; problems?: BoardProblem[] };
			return problem(e.status, e.message, e.problems ? { details: { problems: e.problems } } : {});
		}
		throw err;
	}
}
