/** Exchanging a display's one-time code for its device cookie (the /enrol pages). */
import type { Cookies } from '@sveltejs/kit';
import type { App } from '../app';
import { DISPLAY_COOKIE, displayCookieOptions } from './authenticate';

export type EnrolOutcome =
	| { ok: true }
	| { ok: false; error: 'invalid' }
	| { ok: false; error: 'rateLimited'; retryAfter: number };

export async function enrolScreen(
	app: App,
	code: string,
	ctx: { cookies: Cookies; url: URL; address: string }
): Promise<EnrolOutcome> {
	const allowed = await app.limits.enrol.hit(ctx.address);
	if (!allowed.ok)
		return { ok: false, error: 'rateLimited', retryAfter: allowed.retryAfterSeconds };
	const enrolled = await app.accounts.enrol(code);
	if (!enrolled) {
		app.logger.warn({ address: ctx.address }, 'enrolment code refused');
		return { ok: false, error: 'invalid' };
	}
	ctx.cookies.set(
		DISPLAY_COOKIE,
		enrolled.token,
		displayCookieOptions(ctx.url.protocol === 'https:')
	);
	app.logger.info({ displayId: enrolled.displayId }, 'display enrolled');
	await app.audit.record({
		actor: {
			kind: 'display',
			role: 'display',
			displayId: enrolled.displayId,
			name: enrolled.name,
			board: ''
		},
		action: 'display.enrol',
		target: enrolled.name,
		detail: { displayId: enrolled.displayId, address: ctx.address }
	});
	return { ok: true };
}
