import { describe, expect, it } from 'vitest';
import { DISPLAY_COOKIE_MAX_AGE_S, renewedDisplayCookie } from './authenticate';

describe('renewing a display credential on a socket handshake', () => {
	const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
	it('sets the same credential for another 400 days', () => {
		expect(DISPLAY_COOKIE_MAX_AGE_S).toBe(34_560_000);
		expect(renewedDisplayCookie(token, false)).toBe(
			`hw_display=${token}; Max-Age=34560000; Path=/; HttpOnly; SameSite=Lax`
		);
		expect(renewedDisplayCookie(token, true)).toBe(
			`hw_display=${token}; Max-Age=34560000; Path=/; HttpOnly; SameSite=Lax; Secure`
		);
	});
	it.each([
		undefined,
		'',
		'short',
		'a;b=c'.repeat(10),
		'x'.repeat(201),
		'token with spaces 0123456789'
	])('%j is not shaped like a credential: nothing is set', (value) => {
		expect(renewedDisplayCookie(value, false)).toBeNull();
	});
});
