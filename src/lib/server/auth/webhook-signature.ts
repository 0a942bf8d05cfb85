/**
 * Request signatures in the Standard Webhooks style: headers `webhook-id`, `webhook-timestamp`
 * (Unix seconds) and `webhook-signature` (space-separated `v1,<base64 HMAC-SHA256>`), over
 * `${id}.${timestamp}.${body}` with the secret `whsec_<base64 key>`. A timestamp more than 5
 * minutes from the server's clock is refused; any of the source's secrets (two during a rotation)
 * may match. Replays inside the window are harmless: the id is the events' dedup key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export type SignatureHeaders = {
	id: string | null;
	timestamp: string | null;
	signature: string | null;
};

export type VerifyResult =
	{ ok: true; id: string; secretIndex: number } | { ok: false; message: string };

export function hasSignatureHeaders(h: SignatureHeaders): boolean {
	return h.id !== null || h.timestamp !== null || h.signature !== null;
}

function secretKey(secret: string): Buffer {
	return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<base64>` for this id, timestamp (seconds) and body. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
	const mac = createHmac('sha256', secretKey(secret))
		.update(`${id}.${timestampSeconds}.${body}`)
		.digest('base64');
	return `v1,${mac}`;
}

export function verifySignature(
	secrets: readonly string[],
	headers: SignatureHeaders,
	body: string,
	nowMs: number
): VerifyResult {
	const { id, timestamp, signature } = headers;
	if (!id || !timestamp || !signature) {
		return {
			ok: false,
			message: 'signature: webhook-id, webhook-timestamp and webhook-signature are all required'
		};
	}
	if (id.length > 128) return { ok: false, message: 'signature: webhook-id is longer than 128' };
	if (!/^\d{1,12}$/.test(timestamp)) {
		return { ok: false, message: 'signature: webhook-timestamp must be Unix seconds' };
	}
	const ts = Number(timestamp);
	if (Math.abs(nowMs - ts * 1000) > SIGNATURE_TOLERANCE_MS) {
		return {
			ok: false,
			message: 'signature: webhook-timestamp is more than 5 minutes from the server clock'
		};
	}
	const presented = signature
		.split(' ')
		.filter((s) => s.startsWith('v1,'))
		.map((s) => Buffer.from(s.slice(3), 'base64'))
		.filter((b) => b.length === 32);
	for (let i = 0; i < secrets.length; i++) {
		const expected = Buffer.from(sign(secrets[i]!, id, ts, body).slice(3), 'base64');
		if (presented.some((p) => timingSafeEqual(p, expected)))
			return { ok: true, id, secretIndex: i };
	}
	return { ok: false, message: 'signature: no v1 signature matches this request' };
}
