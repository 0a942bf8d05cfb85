/** The resync guard: one owed snapshot per socket while it is backlogged, a flood cuts it. */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io';
import type { Logger } from '../logger';
import { guardResync, RESYNC_MAX_PER_SECOND } from './resync';

const logger = { warn: vi.fn() } as unknown as Logger;

function fakeSocket() {
	const socket = Object.assign(new EventEmitter(), {
		connected: true,
		conn: { writeBuffer: [] as unknown[], transport: { writable: true } },
		disconnect: vi.fn(() => {
			socket.connected = false;
			socket.emit('disconnect');
		})
	});
	return socket;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('guardResync', () => {
	it('sends at once while drained, and coalesces resyncs while backlogged into one', () => {
		const socket = fakeSocket();
		const send = vi.fn();
		const resync = guardResync(socket as unknown as Socket, send, logger);
		resync();
		expect(send).toHaveBeenCalledTimes(1);
		socket.conn.writeBuffer.push('snapshot');
		for (let i = 0; i < 5; i++) resync();
		vi.advanceTimersByTime(500);
		expect(send).toHaveBeenCalledTimes(1); // still backlogged: owed, not sent
		socket.conn.writeBuffer.length = 0;
		vi.advanceTimersByTime(100);
		expect(send).toHaveBeenCalledTimes(2); // the five became one
		vi.advanceTimersByTime(1000);
		expect(send).toHaveBeenCalledTimes(2);
	});

	it(`cuts a socket sending more than ${RESYNC_MAX_PER_SECOND} in a second`, () => {
		const socket = fakeSocket();
		const send = vi.fn();
		const resync = guardResync(socket as unknown as Socket, send, logger);
		for (let i = 0; i < RESYNC_MAX_PER_SECOND; i++) resync();
		expect(socket.disconnect).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1000);
		for (let i = 0; i <= RESYNC_MAX_PER_SECOND; i++) resync();
		expect(socket.disconnect).toHaveBeenCalledWith(true);
		expect(send).toHaveBeenCalledTimes(2 * RESYNC_MAX_PER_SECOND);
	});
});
