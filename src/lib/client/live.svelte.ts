/**
 * The browser's one live connection: a full `snapshot`, then `patch`es applied in order.
 * A patch whose `base` is not the current `seq` means something was missed: ask for `resync`.
 * Incoming messages are applied at most once per animation frame.
 */
import { io, type Socket } from 'socket.io-client';
import {
	applyMergePatch,
	type ClientToServerEvents,
	type PatchMessage,
	type ServerToClientEvents,
	type Snapshot
} from '$lib/contract';

type Incoming = { kind: 'snapshot'; value: Snapshot } | { kind: 'patch'; value: PatchMessage };

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export class LiveConnection {
	/** The current snapshot; fields missing after a patch read as null. */
	snapshot = $state.raw<Snapshot | null>(null);
	state = $state<ConnectionState>('connecting');
	/** Browser time (ms) of the last message from the server. */
	lastMessageAt = $state(0);
	resyncs = $state(0);

	#socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	#pending: Incoming[] = [];
	#frame = 0;

	constructor(options: { url?: string; token?: string } = {}) {
		this.#socket = io(options.url ?? '', {
			transports: ['websocket'],
			auth: options.token ? { token: options.token } : {},
			reconnectionDelay: 500,
			reconnectionDelayMax: 10_000,
			randomizationFactor: 0.5
		});
		this.#socket.on('connect', () => (this.state = 'live'));
		this.#socket.on('disconnect', () => (this.state = 'reconnecting'));
		this.#socket.on('connect_error', () => {
			this.state = this.#socket.active ? 'reconnecting' : 'offline';
		});
		this.#socket.on('snapshot', (value) => this.#enqueue({ kind: 'snapshot', value }));
		this.#socket.on('patch', (value) => this.#enqueue({ kind: 'patch', value }));
	}

	#enqueue(message: Incoming) {
		this.lastMessageAt = Date.now();
		this.#pending.push(message);
		if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flush());
	}

	#flush() {
		this.#frame = 0;
		let current = this.snapshot;
		for (const m of this.#pending) {
			if (m.kind === 'snapshot') {
				current = m.value;
				continue;
			}
			if (!current || current.seq !== m.value.base) {
				// Missed a patch (or none to apply it to): drop the rest and ask for the whole thing.
				this.resyncs++;
				this.#socket.emit('resync');
				break;
			}
			current = applyMergePatch(current, m.value.patch);
		}
		this.#pending = [];
		this.snapshot = current;
	}

	close() {
		if (this.#frame) cancelAnimationFrame(this.#frame);
		this.#socket.removeAllListeners();
		this.#socket.disconnect();
	}
}
