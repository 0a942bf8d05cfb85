import { describe, expect, it } from 'vitest';
import { SIGNATURE_TOLERANCE_MS, sign, verifySignature } from './webhook-signature';

// The example from the Standard Webhooks specification's reference libraries.
const SPEC = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: 1614265330,
	body: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
};
const at = SPEC.timestamp * 1000;
const headers = (signature = SPEC.signature, timestamp = String(SPEC.timestamp), id = SPEC.id) => ({
	id,
	timestamp,
	signature
});

describe('Standard Webhooks signatures', () => {
	it('computes the specification example', () => {
		expect(sign(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body)).toBe(SPEC.signature);
	});

	it('accepts a valid signature', () => {
		expect(verifySignature([SPEC.secret], headers(), SPEC.body, at)).toEqual({
			ok: true,
			id: SPEC.id,
			secretIndex: 0
		});
	});

	it('refuses a tampered body, id or timestamp', () => {
		expect(verifySignature([SPEC.secret], headers(), '{"test": 2432232315}', at).ok).toBe(false);
		expect(
			verifySignature([SPEC.secret], headers(undefined, undefined, 'msg_other'), SPEC.body, at).ok
		).toBe(false);
		expect(
			verifySignature([SPEC.secret], headers(undefined, String(SPEC.timestamp + 1)), SPEC.body, at)
				.ok
		).toBe(false);
	});

	it('refuses a timestamp more than 5 minutes from the clock, either way', () => {
		expect(
			verifySignature([SPEC.secret], headers(), SPEC.body, at + SIGNATURE_TOLERANCE_MS).ok
		).toBe(true);
		const late = verifySignature(
			[SPEC.secret],
			headers(),
			SPEC.body,
			at + SIGNATURE_TOLERANCE_MS + 1000
		);
		expect(late).toEqual({ ok: false, message: expect.stringMatching(/more than 5 minutes/) });
		expect(
			verifySignature([SPEC.secret], headers(), SPEC.body, at - SIGNATURE_TOLERANCE_MS - 1000).ok
		).toBe(false);
	});

	it('accepts either secret during a rotation, and one of several signatures', () => {
		const fresh = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
		expect(verifySignature([fresh, SPEC.secret], headers(), SPEC.body, at)).toMatchObject({
			ok: true,
			secretIndex: 1
		});
		const both = `${sign(fresh, SPEC.id, SPEC.timestamp, SPEC.body)} ${SPEC.signature}`;
		expect(verifySignature([fresh], headers(both), SPEC.body, at)).toMatchObject({
			ok: true,
			secretIndex: 0
		});
		expect(verifySignature([fresh], headers(), SPEC.body, at).ok).toBe(false);
	});

	it('names what is missing or malformed', () => {
		expect(
			verifySignature(
				[SPEC.secret],
				{ id: SPEC.id, timestamp: null, signature: SPEC.signature },
				SPEC.body,
				at
			)
		).toEqual({
			ok: false,
			message: expect.stringMatching(/all required/)
		});
		expect(verifySignature([SPEC.secret], headers(undefined, '16142653e0'), SPEC.body, at)).toEqual(
			{
				ok: false,
				message: expect.stringMatching(/Unix seconds/)
			}
		);
		expect(verifySignature([SPEC.secret], headers('v2,abc'), SPEC.body, at).ok).toBe(false);
		expect(verifySignature([], headers(), SPEC.body, at).ok).toBe(false);
	});
});
