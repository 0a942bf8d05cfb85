/**
 * Turns a request's credentials into a principal: the session cookie (people), the display cookie
 * (enrolled screens) or `Authorization: Bearer <READ_TOKEN>` (machine readers). The same function
 * serves HTTP (hooks.server.ts) and the Socket.IO handshake.
 */
import type { Accounts } from '../accounts';
import type { Principal } from './roles';
import { sameSecret } from './secrets';

export const SESSION_COOKIE = 'hw_session';
export const DISPLAY_COOKIE = 'hw_display';
/** A display's credential cookie lives as long as browsers allow (400 days), renewed on use. */
export const DISPLAY_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/** What a display cookie may hold: a base64url token (auth/secrets.ts newToken). */
const DISPLAY_TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

/** The cookie options of a display credential: set at enrolment, set again on every use. */
export function displayCookieOptions(secure: boolean) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure,
		maxAge: DISPLAY_COOKIE_MAX_AGE_S
	};
}

/**
 * The `Set-Cookie` value that renews a display credential for another 400 days (a socket
 * handshake's answer: Socket.IO's engine has no cookie jar). Null for anything not shaped like a
 * credential; renewing one that was revoked gives it nothing (the server no longer knows it).
 */
export function renewedDisplayCookie(token: string | undefined, secure: boolean): string | null {
	if (!token || !DISPLAY_TOKEN_SHAPE.test(token)) return null;
	return `${DISPLAY_COOKIE}=${token}; Max-Age=${DISPLAY_COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export type CredentialInput = {
	cookie(name: string): string | undefined;
	/** The Authorization header, or a socket's `auth.token` as `Bearer <token>`. */
	authorization: string | null;
};

export type Authenticator = (input: CredentialInput) => Promise<Principal | null>;

export function bearerToken(authorization: string | null): string | null {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	return m ? (m[1] as string) : null;
}

export function createAuthenticator(deps: {
	accounts: Accounts;
	readToken: string | undefined;
	sessionIdleMs: number;
}): Authenticator {
	return async ({ cookie, authorization }) => {
		const session = cookie(SESSION_COOKIE);
		if (session && session.length <= 200) {
			const p = await deps.accounts.sessionPrincipal(session, deps.sessionIdleMs);
			if (p) return p;
		}
		const display = cookie(DISPLAY_COOKIE);
		if (display && display.length <= 200) {
			const p = await deps.accounts.displayPrincipal(display);
			if (p) return p;
		}
		const token = bearerToken(authorization);
		if (token && deps.readToken && sameSecret(token, deps.readToken))
			return { kind: 'reader', role: 'reader' };
		return null;
	};
}

/** `a=1; b=2` → lookup; for the socket handshake, which has only the raw header. */
export function cookieReader(header: string | undefined): (name: string) => string | undefined {
	const jar = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq < 1) continue;
		const name = part.slice(0, eq).trim();
		if (jar.has(name)) continue;
		try {
			jar.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
		} catch {
			// a malformed cookie is ignored, as browsers and SvelteKit do
		}
	}
	return (name) => jar.get(name);
}

/**
 * Browser origins allowed to open sockets and send state-changing requests: the server's own
 * (as the browser addressed it), ORIGIN when set, and ALLOWED_ORIGINS.
 */
export function originAllowed(
	origin: string,
	ownOrigins: readonly string[],
	allowed: readonly string[]
): boolean {
	return ownOrigins.includes(origin) || allowed.includes(origin);
}
