/**
 * Socket.IO on the application's HTTP server (contract §4): full `snapshot` on connect and on
 * `resync`; `patch` broadcasts come from the app's ticker through `broadcast`. A broadcast is
 * encoded once by Socket.IO and written to every client as is.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type {
	ClientToServerEvents,
	PatchMessage,
	ServerToClientEvents,
	Snapshot,
	Thresholds
} from '../../contract';
import type { Logger } from '../logger';

/** Between instances, through the adapter. */
interface InterServerEvents {
	thresholds: (thresholds: Thresholds) => void;
}

export type RealtimeDeps = {
	current(): Snapshot;
	/** The threshold bands, sent on connect (and by `broadcastThresholds` when they change). */
	thresholds(): Thresholds;
	/** 'ok' for a valid token or none; 'denied' for a wrong one. */
	checkReadToken(token: unknown): 'ok' | 'denied';
	logger: Logger;
	/**
	 * With several instances: the Socket.IO adapter that links them (Redis). Patches stay local
	 * (each instance pushes its own snapshot to its own sockets); threshold changes cross over.
	 */
	adapter?: ServerOptions['adapter'];
	/** Another instance changed the thresholds. */
	onRemoteThresholds?(thresholds: Thresholds): void;
	onClientCount?(count: number): void;
	/** Per-socket handlers beyond the live figures (supervision.ts: watch, alerts). */
	onConnection?(
		socket: Socket<ClientToServerEvents, ServerToClientEvents>,
		io: Server<ClientToServerEvents, ServerToClientEvents>
	): void;
};

export interface Realtime {
	broadcast(message: PatchMessage): void;
	broadcastThresholds(thresholds: Thresholds): void;
	readonly clients: number;
	close(): Promise<void>;
}

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
	const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>(httpServer, {
		...(deps.adapter ? { adapter: deps.adapter } : {}),
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

	io.on('thresholds', (thresholds) => {
		deps.onRemoteThresholds?.(thresholds);
		io.local.emit('thresholds', thresholds);
	});

	io.on('connection', (socket) => {
		deps.onClientCount?.(io.engine.clientsCount);
		socket.emit('thresholds', deps.thresholds());
		socket.emit('snapshot', deps.current());
		socket.on('resync', () => {
			socket.emit('snapshot', deps.current());
		});
		deps.onConnection?.(
			socket,
			io as unknown as Server<ClientToServerEvents, ServerToClientEvents>
		);
		socket.on('disconnect', () => {
			deps.onClientCount?.(io.engine.clientsCount);
		});
	});

	return {
		broadcast(message) {
			io.local.emit('patch', message);
		},
		broadcastThresholds(thresholds) {
			io.local.emit('thresholds', thresholds);
			if (deps.adapter) io.serverSideEmit('thresholds', thresholds);
		},
		get clients() {
			return io.engine.clientsCount;
		},
		close: () =>
			new Promise<void>((resolve) => {
				io.local.disconnectSockets(true);
				void Promise.resolve(io.of('/').adapter.close()).catch(() => {});
				// io.close() also closes the HTTP server; the caller owns that, so only detach.
				io.engine.close();
				resolve();
			})
	};
}
