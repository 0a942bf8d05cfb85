/**
 * The socket handshake's protocol check: a page stating another PROTOCOL_VERSION is refused with
 * code 'protocol'; one stating this version, and a machine reader stating none, are served.
 * A real HTTP server on port 0 and real socket.io-client connections; the rest of the app faked.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Snapshot } from '../../contract';
import { DEFAULT_THRESHOLDS } from '../../metrics/thresholds';
import { createLogger } from '../logger';
import { attachRealtime, type Realtime } from './attach';

let http: HttpServer;
let realtime: Realtime;
let url: string;

beforeAll(async () => {
	http = createServer();
	realtime = attachRealtime(http, {
		current: () => ({ seq: 7 }) as Snapshot,
		thresholds: () => DEFAULT_THRESHOLDS,
		logger: createLogger('silent'),
		authenticate: () => Promise.resolve(null),
		openReads: () => Promise.resolve(true),
		allowedOrigins: [],
		validSessions: () => Promise.resolve(new Set()),
		validDisplays: () => Promise.resolve(new Set()),
		touchDisplays: () => Promise.resolve()
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await realtime.close();
	await new Promise((resolve) => http.close(resolve));
});

/** The first snapshot's seq, or the connect_error's message and data. */
function handshake(auth: Record<string, unknown>) {
	const socket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
	return new Promise<{ seq: number } | { message: string; data: unknown }>((resolve) => {
		socket.on('snapshot', (s) => {
			socket.close();
			resolve({ seq: (s as Snapshot).seq });
		});
		socket.on('connect_error', (err) => {
			socket.close();
			resolve({ message: err.message, data: (err as Error & { data?: unknown }).data });
		});
	});
}

describe('protocol version in the handshake', () => {
	it('is 2', () => {
		expect(PROTOCOL_VERSION).toBe(2);
	});

	it('refuses a page stating protocol 1, saying what to do', async () => {
		expect(await handshake({ protocol: 1 })).toStrictEqual({
			message: 'protocol version 1 is not served here (this server speaks 2): reload the page',
			data: { code: 'protocol', expected: 2, got: 1 }
		});
	});

	it('refuses a version sent as a string, too (it is not this one)', async () => {
		expect(await handshake({ protocol: '2' })).toMatchObject({
			data: { code: 'protocol', expected: 2, got: '2' }
		});
	});

	it.each([
		['stating protocol 2', { protocol: 2 }],
		['stating none (a contract §4 reader)', {}],
		['stating none, with an empty token', { token: '' }]
	])('serves a client %s', async (_, auth) => {
		expect(await handshake(auth)).toStrictEqual({ seq: 7 });
	});
});
