/** Random credentials and their stored form. Tokens are shown once; only sha-256 is stored. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function newToken(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/** True when sha-256(presented) is `expectedHash`, compared in constant time. */
export function matchesHash(presented: string, expectedHash: Buffer): boolean {
	return timingSafeEqual(createHash('sha256').update(presented).digest(), expectedHash);
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
	const x = createHash('sha256').update(a).digest();
	const y = createHash('sha256').update(b).digest();
	return timingSafeEqual(x, y);
}

/** No 0/O, 1/I/L: easy to read off an admin's screen and type with a TV remote. */
export const ENROL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ENROL_CODE_LENGTH = 8;

/** `K7QM4XPT` (≈ 40 bits); shown as `K7QM-4XPT`. */
export function newEnrolCode(): string {
	let code = '';
	for (let i = 0; i < ENROL_CODE_LENGTH; i++) {
		code += ENROL_CODE_ALPHABET[randomInt(ENROL_CODE_ALPHABET.length)];
	}
	return code;
}

/** Upper-cases and drops separators and spaces, so `k7qm-4xpt` and `K7QM 4XPT` both match. */
export function normaliseEnrolCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
	return `whsec_${randomBytes(32).toString('base64')}`;
}
