/**
 * Socket.IO on the application's HTTP server (contract §4): full `snapshot` on connect and on
 * `resync`; `patch` broadcasts come from the app's ticker through `broadcast`. A broadcast is
 * encoded once by Socket.IO and written to every client as is.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type {
	ClientToServerEvents,
	PatchMessage,
	ServerToClientEvents,
	Snapshot
} from '../../contract';
import type { Logger } from '../logger';

export type RealtimeDeps = {
	current(): Snapshot;
	/** 'ok' for a valid token or none; 'denied' for a wrong one. */
	checkReadToken(token: unknown): 'ok' | 'denied';
	logger: Logger;
	onClientCount?(count: number): void;
};

export interface Realtime {
	broadcast(message: PatchMessage): void;
	readonly clients: number;
	close(): Promise<void>;
}

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
	const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
		serveClient: false,
		// Patches are tiny; a client that stops reading is dropped rather than buffered forever.
		maxHttpBufferSize: 64 * 1024,
		pingInterval: 10_000,
		pingTimeout: 10_000
	});

	io.use((socket, next) => {
		const auth = socket.handshake.auth as { token?: unknown } | undefined;
		if (deps.checkReadToken(auth?.token) === 'denied') {
			const err = new Error('invalid read token') as Error & { data?: unknown };
			err.data = { status: 401 };
			next(err);
			return;
		}
		next();
	});

	io.on('connection', (socket) => {
		deps.onClientCount?.(io.engine.clientsCount);
		socket.emit('snapshot', deps.current());
		socket.on('resync', () => {
			socket.emit('snapshot', deps.current());
		});
		socket.on('disconnect', () => {
			deps.onClientCount?.(io.engine.clientsCount);
		});
	});

	return {
		broadcast(message) {
			io.emit('patch', message);
		},
		get clients() {
			return io.engine.clientsCount;
		},
		close: () =>
			new Promise<void>((resolve) => {
				io.disconnectSockets(true);
				// io.close() also closes the HTTP server; the caller owns that, so only detach.
				io.engine.close();
				resolve();
			})
	};
}
