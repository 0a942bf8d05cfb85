/** A Socket.IO client that keeps its own copy of the snapshot, as a wallboard does. */
import { io, type Socket } from 'socket.io-client';
import {
	applyMergePatch,
	type ClientToServerEvents,
	type PatchMessage,
	type ServerToClientEvents,
	type Snapshot
} from '../../src/lib/contract';

export type LiveClient = {
	socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	current(): Snapshot | null;
	patches: PatchMessage[];
	/** Arrival time (performance.now()) of each patch. */
	arrivals: number[];
	resyncs: number;
	/** Resolves once a snapshot or patch makes `predicate` true. */
	waitFor(predicate: (s: Snapshot) => boolean, timeoutMs?: number): Promise<Snapshot>;
	close(): void;
};

export function connectLive(
	url: string,
	auth: { token?: string } = {},
	opts: { headers?: Record<string, string> } = {}
): Promise<LiveClient> {
	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
		transports: ['websocket'],
		auth,
		extraHeaders: opts.headers,
		reconnection: false,
		forceNew: true
	});
	let current: Snapshot | null = null;
	const listeners = new Set<() => void>();
	const client: LiveClient = {
		socket,
		current: () => current,
		patches: [],
		arrivals: [],
		resyncs: 0,
		waitFor(predicate, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					if (current && predicate(current)) {
						listeners.delete(check);
						clearTimeout(timer);
						resolve(current);
					}
				};
				const timer = setTimeout(() => {
					listeners.delete(check);
					reject(new Error(`condition not met within ${timeoutMs} ms; seq ${current?.seq}`));
				}, timeoutMs);
				listeners.add(check);
				check();
			});
		},
		close: () => socket.close()
	};
	const notify = () => [...listeners].forEach((l) => l());
	socket.on('snapshot', (s) => {
		current = s;
		notify();
	});
	socket.on('patch', (m) => {
		client.patches.push(m);
		client.arrivals.push(performance.now());
		if (!current || current.seq !== m.base) {
			client.resyncs++;
			socket.emit('resync');
			return;
		}
		current = applyMergePatch(current, m.patch);
		notify();
	});
	return new Promise((resolve, reject) => {
		socket.once('snapshot', () => resolve(client));
		socket.once('connect_error', (err) => reject(err));
	});
}

/** Snapshots compared as a client sees them: null and missing fields are the same. */
export function normalise(s: Snapshot): unknown {
	return JSON.parse(JSON.stringify(s, (_k, v: unknown) => (v === null ? undefined : v)));
}
