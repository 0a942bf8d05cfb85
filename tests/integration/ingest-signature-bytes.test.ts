/**
 * Probe findings j and k. j: a signature is verified over the raw bytes received — a body with a
 * UTF-8 BOM or an invalid byte, correctly signed, is accepted (or rejected for its content), not
 * 401. k: a request with `webhook-*` headers and no bearer token is not read in full before its
 * signature is checked: refused before reading while no source has a signing secret, and read
 * only up to 1 MiB otherwise. The bodies here never end: an answer proves the read was bounded.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startServer, type ServerHandle } from '../helpers/server';

let plain: ServerHandle;
let signing: ServerHandle;
let secret: string;
beforeAll(async () => {
	[plain, signing] = await Promise.all([
		startServer(),
		startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD })
	]);
	secret = (await createSource(signing, 'signed-only', 'required')).secret!;
}, 90_000);
afterAll(async () => {
	for (const s of [plain, signing]) {
		await s?.stop();
		if (s) removeDir(s.dataDir);
	}
});

const signBytes = (id: string, seconds: number, body: Uint8Array) => {
	const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
	const mac = createHmac('sha256', key).update(`${id}.${seconds}.`).update(body).digest('base64');
	return {
		'webhook-id': id,
		'webhook-timestamp': String(seconds),
		'webhook-signature': `v1,${mac}`
	};
};
const now = () => Math.floor(Date.now() / 1000);
const event = (id: string) =>
	JSON.stringify([
		{ id, type: 'call.offered', at: Date.now() - 1000, callId: id, queue: 'general' }
	]);

/** A body that sends 64 KiB every 10 ms and never ends; `sent` counts what was taken. */
function endless(counter: { sent: number }): ReadableStream<Uint8Array> {
	const chunk = new Uint8Array(64 * 1024).fill(0x20);
	return new ReadableStream({
		async pull(controller) {
			await new Promise((r) => setTimeout(r, 10));
			counter.sent += chunk.byteLength;
			controller.enqueue(chunk);
		}
	});
}

describe('signatures over raw bytes (finding j)', () => {
	it('accepts a correctly signed body that starts with a UTF-8 BOM', async () => {
		const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(event('bom-1'))]);
		const res = await fetch(`${signing.url}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...signBytes('msg_bom', now(), body) },
			body
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
	});

	it('checks the signature of a body with an invalid UTF-8 byte over its bytes, not 401', async () => {
		const text = event('bad-byte-1');
		const body = Buffer.from(text.replace('general', 'gen\u0001ral'));
		body[body.indexOf(0x01)] = 0xff; // not UTF-8
		const res = await fetch(`${signing.url}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...signBytes('msg_ff', now(), body) },
			body
		});
		expect(res.status).toBe(200);
		expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
	});
});

describe('a bounded read before authentication (finding k)', () => {
	const post = (server: ServerHandle, counter = { sent: 0 }) =>
		fetch(`${server.url}/api/v1/events`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...signBytes('msg_k', now(), new Uint8Array())
			},
			body: endless(counter),
			duplex: 'half',
			signal: AbortSignal.timeout(10_000)
		} as RequestInit);

	it('refuses before reading when no source has a signing secret', async () => {
		const res = await post(plain);
		expect(res.status).toBe(401);
		expect(((await res.json()) as { message: string }).message).toMatch(
			/no source has a signing secret/
		);
	});

	it('reads at most 1 MiB of a request that only a signature may authenticate', async () => {
		const counter = { sent: 0 };
		// Cut off past the limit: a 413 if the client reads it in time, else a reset connection.
		const res = await post(signing, counter).catch((err: Error) => err);
		if (res instanceof Response) {
			expect(res.status).toBe(413);
			expect(((await res.json()) as { message: string }).message).toMatch(/1048576 bytes/);
		} else {
			expect(String((res.cause as Error | undefined)?.message)).toMatch(
				/ECONNRESET|EPIPE|other side closed/
			);
		}
		// 1 MiB read, plus what the sockets' buffers held: far from the 20 MiB read before.
		expect(counter.sent).toBeLessThan(6 * 1024 * 1024);
		expect((await fetch(`${signing.url}/healthz`)).status).toBe(200);
	});
});
