/**
 * The `resync` guard: a full snapshot is ~16 KB, so a client that sends resyncs and stops reading
 * must not pile them up in the server. At most one snapshot is owed per socket — a resync while
 * the socket's write buffer is not drained is coalesced into one sent once it drains — and a
 * socket sending more than RESYNC_MAX_PER_SECOND is cut (a real client resyncs after a gap, a few
 * times a minute at most).
 */
import type { Socket } from 'socket.io';
import type { Logger } from '../logger';

export const RESYNC_MAX_PER_SECOND = 20;
/** How often an owed snapshot checks whether the socket has drained. */
const DRAIN_CHECK_MS = 100;

type Conn = { writeBuffer: unknown[]; transport: { writable: boolean } };

/** True while engine.io still holds packets for this socket (or its transport is mid-write). */
export function backlogged(conn: Conn): boolean {
	return conn.writeBuffer.length > 0 || !conn.transport.writable;
}

/** Returns the `resync` handler for `socket`; `send` emits one full snapshot. */
export function guardResync(socket: Socket, send: () => void, logger: Logger): () => void {
	let windowStart = 0;
	let count = 0;
	let owed: ReturnType<typeof setInterval> | undefined;
	const conn = socket.conn as unknown as Conn;
	const settle = () => {
		clearInterval(owed);
		owed = undefined;
	};
	socket.on('disconnect', settle);
	return () => {
		const now = Date.now();
		if (now - windowStart >= 1000) {
			windowStart = now;
			count = 0;
		}
		if (++count > RESYNC_MAX_PER_SECOND) {
			settle();
			if (socket.connected) {
				logger.warn({ limit: RESYNC_MAX_PER_SECOND }, 'resync flood: socket disconnected');
				socket.disconnect(true);
			}
			return;
		}
		if (owed) return; // one snapshot is already owed: this resync is coalesced into it
		if (!backlogged(conn)) {
			send();
			return;
		}
		owed = setInterval(() => {
			if (!socket.connected) return settle();
			if (backlogged(conn)) return;
			settle();
			send();
		}, DRAIN_CHECK_MS);
	};
}
