import { fail, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/authenticate';
import { SESSION_MAX_AGE_MS } from '$lib/server/accounts';
import { homeOf } from '$lib/server/auth/roles';
import { safeNext } from '$lib/server/auth/next-path';
import { appOr503 as app } from '$lib/server/app-or-503';
import type { Actions, PageServerLoad } from './$types';

type Refusal = {
	username: string;
	error: 'invalid' | 'locked' | 'rateLimited';
	until: string | null;
	retryAfter: number | null;
};

const refusal = (
	username: string,
	error: Refusal['error'],
	extra: Partial<Pick<Refusal, 'until' | 'retryAfter'>> = {}
): Refusal => ({ username, error, until: null, retryAfter: null, ...extra });

export const load: PageServerLoad = async ({ locals, url }) => {
	const principal = locals.principal;
	return {
		signedInAs:
			principal?.kind === 'user' ? { username: principal.username, role: principal.role } : null,
		noAccounts: !(await app().accounts.hasAnyUser()),
		next: safeNext(url.searchParams.get('next'))
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const a = app();
		const form = await request.formData();
		const username = String(form.get('username') ?? '').slice(0, 64);
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? '') || null);
		const address = getClientAddress();
		const allowed = await a.limits.login.hit(address);
		if (!allowed.ok) {
			locals.retryAfterSeconds = allowed.retryAfterSeconds;
			return fail(429, refusal(username, 'rateLimited', { retryAfter: allowed.retryAfterSeconds }));
		}
		const result = await a.accounts.signIn(username, password, {
			idleMs: a.config.sessionIdleMs,
			userAgent: request.headers.get('user-agent'),
			// Per (name, address): failing on purpose from elsewhere cannot lock anyone out here.
			lockout: { limiter: a.limits.lockout, key: `${username.toLowerCase()}\n${address}` }
		});
		if (!result.ok) {
			a.logger.warn({ username, address, reason: result.reason }, 'sign-in refused');
			// A locked account is answered like a wrong password or an unknown name (same status,
			// same message): a different answer would tell which names exist. The log says which.
			return fail(400, refusal(username, 'invalid'));
		}
		cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: Math.floor(SESSION_MAX_AGE_MS / 1000)
		});
		a.logger.info(
			{ username: result.principal.kind === 'user' ? result.principal.username : null },
			'signed in'
		);
		redirect(303, next ?? homeOf(result.principal));
	}
};
