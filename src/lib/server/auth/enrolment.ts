/** Exchanging a display's one-time code for its device cookie (the /enrol pages). */
import type { Cookies } from '@sveltejs/kit';
import type { App } from '../app';
import { DISPLAY_COOKIE, DISPLAY_COOKIE_MAX_AGE_S } from './authenticate';

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
	ctx.cookies.set(DISPLAY_COOKIE, enrolled.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: ctx.url.protocol === 'https:',
		maxAge: DISPLAY_COOKIE_MAX_AGE_S
	});
	app.logger.info({ displayId: enrolled.displayId }, 'display enrolled');
	return { ok: true };
}
