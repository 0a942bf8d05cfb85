/**
 * Our Standard Webhooks verifier against the maintained `standardwebhooks` package: what the
 * package signs, ours accepts (and refuses when tampered, wrongly keyed or out of time), and
 * what ours signs, the package accepts. Guards webhook-signature.ts against drifting from the
 * specification that senders' libraries implement.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { sign, verifySignature } from './webhook-signature';

// Fixed keys (whsec_ + base64 of 32 bytes) and a fixed clock: no test depends on the real time.
const OLD_SECRET = 'whsec_' + Buffer.alloc(32, 1).toString('base64');
const NEW_SECRET = 'whsec_' + Buffer.alloc(32, 2).toString('base64');
const OTHER_SECRET = 'whsec_' + Buffer.alloc(32, 3).toString('base64');
const NOW_MS = Date.UTC(2026, 10, 28, 2, 0, 0); // 2026-11-28T02:00:00Z
const NOW_S = NOW_MS / 1000;
const MSG_ID = 'msg_2026-11-28-0001';
// Multi-byte UTF-8 and NDJSON, as sources send it: the HMAC covers the bytes of this text.
const BODY =
	'{"id":"e1","type":"call.offered","at":"2026-11-28T10:00:00+08:00","callId":"c1","queue":"general"}\n' +
	'{"id":"e2","type":"ticket.created","at":1795831200000,"ticketId":"T1","category":"livelihood","kind":"complaint","district":"朝阳区"}\n';

/** The headers a sender using the package would send. */
function packageSigned(secret: string, timestampMs = NOW_MS, body = BODY) {
	return {
		id: MSG_ID,
		timestamp: String(Math.floor(timestampMs / 1000)),
		signature: new Webhook(secret).sign(MSG_ID, new Date(timestampMs), body)
	};
}

describe('the standardwebhooks package signs, ours verifies', () => {
	it('accepts a valid signature', () => {
		expect(verifySignature([OLD_SECRET], packageSigned(OLD_SECRET), BODY, NOW_MS)).toEqual({
			ok: true,
			id: MSG_ID,
			secretIndex: 0
		});
	});

	it('computes the same signature as the package, over the UTF-8 bytes of the body', () => {
		const theirs = new Webhook(OLD_SECRET).sign(MSG_ID, new Date(NOW_MS), Buffer.from(BODY));
		expect(sign(OLD_SECRET, MSG_ID, NOW_S, BODY)).toBe(theirs);
	});

	it('refuses a tampered body', () => {
		const tampered = BODY.replace('朝阳区', '海淀区');
		expect(verifySignature([OLD_SECRET], packageSigned(OLD_SECRET), tampered, NOW_MS)).toEqual({
			ok: false,
			message: 'signature: no v1 signature matches this request'
		});
		// One byte more (a trailing newline) is a different body too.
		expect(verifySignature([OLD_SECRET], packageSigned(OLD_SECRET), BODY + '\n', NOW_MS).ok).toBe(
			false
		);
	});

	it('refuses a signature made with another secret', () => {
		expect(verifySignature([OLD_SECRET], packageSigned(OTHER_SECRET), BODY, NOW_MS)).toEqual({
			ok: false,
			message: 'signature: no v1 signature matches this request'
		});
	});

	it('accepts a timestamp up to 5 minutes away and refuses one further, either way', () => {
		const edge = 5 * 60_000; // the specification's tolerance, as the package's
		for (const offset of [-edge, edge]) {
			const h = packageSigned(OLD_SECRET, NOW_MS + offset);
			expect(verifySignature([OLD_SECRET], h, BODY, NOW_MS).ok, `offset ${offset}`).toBe(true);
		}
		for (const offset of [-edge - 1000, edge + 1000]) {
			const h = packageSigned(OLD_SECRET, NOW_MS + offset);
			expect(verifySignature([OLD_SECRET], h, BODY, NOW_MS), `offset ${offset}`).toEqual({
				ok: false,
				message: 'signature: webhook-timestamp is more than 5 minutes from the server clock'
			});
		}
	});

	it('during a rotation accepts a signature by either secret, and not by a third', () => {
		const secrets = [NEW_SECRET, OLD_SECRET];
		expect(verifySignature(secrets, packageSigned(NEW_SECRET), BODY, NOW_MS)).toEqual({
			ok: true,
			id: MSG_ID,
			secretIndex: 0
		});
		expect(verifySignature(secrets, packageSigned(OLD_SECRET), BODY, NOW_MS)).toEqual({
			ok: true,
			id: MSG_ID,
			secretIndex: 1
		});
		expect(verifySignature(secrets, packageSigned(OTHER_SECRET), BODY, NOW_MS).ok).toBe(false);
	});

	it('accepts a header carrying several signatures when one matches (a sender mid-rotation)', () => {
		const both = `${packageSigned(OTHER_SECRET).signature} ${packageSigned(OLD_SECRET).signature}`;
		expect(
			verifySignature([OLD_SECRET], { ...packageSigned(OLD_SECRET), signature: both }, BODY, NOW_MS)
		).toEqual({ ok: true, id: MSG_ID, secretIndex: 0 });
	});
});

describe('ours signs, the standardwebhooks package verifies', () => {
	// The package reads the clock itself (Date.now()): pin it.
	beforeEach(() => {
		vi.useFakeTimers({ now: NOW_MS, toFake: ['Date'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	const headersFor = (secret: string, timestampS = NOW_S, body = BODY) => ({
		'webhook-id': MSG_ID,
		'webhook-timestamp': String(timestampS),
		'webhook-signature': sign(secret, MSG_ID, timestampS, body)
	});
	const verify = (secret: string, headers: Record<string, string>, body = BODY) =>
		new Webhook(secret).verify(body, headers, { jsonParse: false });

	it('accepts our signature, over the body as a string or as the bytes sent', () => {
		expect(verify(OLD_SECRET, headersFor(OLD_SECRET))).toBeUndefined();
		expect(
			new Webhook(OLD_SECRET).verify(Buffer.from(BODY), headersFor(OLD_SECRET), {
				jsonParse: false
			})
		).toBeUndefined();
	});

	it('refuses a tampered body and another secret', () => {
		expect(() => verify(OLD_SECRET, headersFor(OLD_SECRET), BODY.replace('c1', 'c2'))).toThrow(
			new WebhookVerificationError('No matching signature found')
		);
		expect(() => verify(OLD_SECRET, headersFor(OTHER_SECRET))).toThrow(
			new WebhookVerificationError('No matching signature found')
		);
	});

	it('refuses our signature with a timestamp more than 5 minutes off, either way', () => {
		expect(() => verify(OLD_SECRET, headersFor(OLD_SECRET, NOW_S - 301))).toThrow(
			new WebhookVerificationError('Message timestamp too old')
		);
		expect(() => verify(OLD_SECRET, headersFor(OLD_SECRET, NOW_S + 301))).toThrow(
			new WebhookVerificationError('Message timestamp too new')
		);
		expect(verify(OLD_SECRET, headersFor(OLD_SECRET, NOW_S - 300))).toBeUndefined();
	});

	it('accepts a header with one signature per secret, as a rotating sender would send', () => {
		const both = {
			...headersFor(NEW_SECRET),
			'webhook-signature': `${sign(NEW_SECRET, MSG_ID, NOW_S, BODY)} ${sign(OLD_SECRET, MSG_ID, NOW_S, BODY)}`
		};
		expect(verify(NEW_SECRET, both)).toBeUndefined();
		expect(verify(OLD_SECRET, both)).toBeUndefined();
		expect(() => verify(OTHER_SECRET, both)).toThrow(WebhookVerificationError);
	});
});
