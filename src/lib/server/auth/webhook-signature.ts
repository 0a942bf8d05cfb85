/**
 * Request signatures in the Standard Webhooks style: headers `webhook-id`, `webhook-timestamp`
 * (Unix seconds) and `webhook-signature` (space-separated `v1,<base64 HMAC-SHA256>`), over
 * `${id}.${timestamp}.${body}` with the secret `whsec_<base64 key>`. A timestamp more than 5
 * minutes from the server's clock is refused; any of the source's secrets (two during a rotation)
 * may match. Replays inside the window are harmless: the id is the events' dedup key.
 *
 * Why our own and not the `standardwebhooks` package: it verifies one secret per `Webhook`
 * (rotation would mean one instance per secret and catching its exceptions), reads the clock
 * itself (no `now` to pass in), throws generic errors where this returns a message naming the
 * header at fault, and parses the body as JSON unless told not to (NDJSON bodies). The ingest
 * route hands this the bytes received, before any decoding: a BOM or an invalid UTF-8 byte is
 * signed as sent (the package turns a Buffer into a string, which equals the bytes for valid
 * UTF-8 only).
 * webhook-signature.package.test.ts checks both ways against the package, so that this code
 * cannot drift from what senders' libraries produce.
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
export function sign(
	secret: string,
	id: string,
	timestampSeconds: number,
	body: string | Uint8Array
): string {
	const mac = createHmac('sha256', secretKey(secret))
		.update(`${id}.${timestampSeconds}.`)
		.update(body)
		.digest('base64');
	return `v1,${mac}`;
}

export function verifySignature(
	secrets: readonly string[],
	headers: SignatureHeaders,
	body: string | Uint8Array,
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
