/**
 * The browser's one live connection: a full `snapshot`, then `patch`es applied in order.
 * A patch whose `base` is not the current `seq` means something was missed: ask for `resync`.
 * Incoming messages are applied at most once per animation frame.
 * The handshake states this bundle's PROTOCOL_VERSION; a server that speaks another refuses it,
 * and the page reloads onto the server's bundle, as it does when SvelteKit's version check
 * reports a new build (reload.ts: at most once a minute).
 */
import { updated } from '$app/state';
import { io, type Socket } from 'socket.io-client';
import {
	PROTOCOL_VERSION,
	applyMergePatch,
	type ClientToServerEvents,
	type PatchMessage,
	type ServerToClientEvents,
	type Snapshot,
	type StaleSource,
	type Thresholds
} from '$lib/contract';
import { reloadOntoNewBuild } from './reload';

type Incoming = { kind: 'snapshot'; value: Snapshot } | { kind: 'patch'; value: PatchMessage };

/**
 * `denied`: the server refused this browser's credential (signed out, screen revoked).
 * `outdated`: the server runs a newer (or older) build; the page is about to reload.
 */
export type ConnectionState =
	'connecting' | 'live' | 'reconnecting' | 'offline' | 'denied' | 'outdated';

/** After a refusal, ask again this often (a person may have signed in again in another tab). */
const DENIED_RETRY_MS = 30_000;
/** After the server could not check the credential, retry this soon. */
const UNAVAILABLE_RETRY_MS = 5000;

export class LiveConnection {
	/** The current snapshot; fields missing after a patch read as null. */
	snapshot = $state.raw<Snapshot | null>(null);
	state = $state<ConnectionState>('connecting');
	/** Browser time (ms) of the last message from the server. */
	lastMessageAt = $state(0);
	resyncs = $state(0);
	/** The threshold bands the server pushed; null until the first arrives. */
	thresholds = $state.raw<Thresholds | null>(null);
	/** Data sources the server reports as interrupted (数据源中断); empty when all is well. */
	staleSources = $state.raw<StaleSource[]>([]);
	/** Browser time (ms) when `snapshot` was last replaced; not reactive (read with a clock). */
	appliedAt = 0;
	/** Frames that applied messages, for measurements; not reactive. */
	updates = 0;

	#socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	#pending: Incoming[] = [];
	#frame = 0;
	/** A resync was asked for: patches are useless until the snapshot comes. */
	#awaitingSnapshot = false;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#stopWatchingBuild: () => void;

	constructor(options: { url?: string; token?: string } = {}) {
		this.#socket = io(options.url ?? '', {
			transports: ['websocket'],
			auth: {
				protocol: PROTOCOL_VERSION,
				...(options.token ? { token: options.token } : {})
			},
			reconnectionDelay: 500,
			reconnectionDelayMax: 10_000,
			randomizationFactor: 0.5
		});
		this.#socket.on('connect', () => {
			// The server sends a full snapshot to every new connection.
			this.#awaitingSnapshot = false;
			this.state = 'live';
		});
		this.#socket.on('disconnect', (reason) => {
			this.state = 'reconnecting';
			// The server closing our socket (a restart) stops Socket.IO's own retries: resume them.
			// The new connection starts with a full snapshot, so nothing missed survives.
			if (reason === 'io server disconnect') this.#socket.connect();
		});
		this.#socket.on('connect_error', (err) => {
			if (this.#socket.active) {
				this.state = 'reconnecting';
				return;
			}
			// Refused by the server's middleware: Socket.IO does not retry on its own.
			const data = (err as Error & { data?: { status?: number; code?: string } }).data;
			if (data?.code === 'protocol') {
				this.outdated();
				return;
			}
			const status = data?.status;
			if (status === 401) {
				this.state = 'denied';
				// A screen that lost its credential shows nothing it was showing.
				this.snapshot = null;
			} else {
				this.state = 'offline';
			}
			clearTimeout(this.#retry);
			this.#retry = setTimeout(
				() => this.#socket.connect(),
				status === 401 ? DENIED_RETRY_MS : UNAVAILABLE_RETRY_MS
			);
		});
		this.#socket.on('snapshot', (value) => this.#enqueue({ kind: 'snapshot', value }));
		this.#socket.on('patch', (value) => this.#enqueue({ kind: 'patch', value }));
		this.#socket.on('sources', (value) => {
			this.lastMessageAt = Date.now();
			this.staleSources = value.stale;
		});
		this.#socket.on('thresholds', (value) => {
			this.lastMessageAt = Date.now();
			this.thresholds = value;
		});
		// A screen is left open for weeks: SvelteKit polls /_app/version.json (kit.version in
		// svelte.config.js) and says when a new build is out.
		this.#stopWatchingBuild = $effect.root(() => {
			$effect(() => {
				if (updated.current) this.outdated();
			});
		});
	}

	/** This bundle is not the server's: reload onto the server's, keeping the URL. */
	outdated() {
		this.state = 'outdated';
		clearTimeout(this.#retry);
		reloadOntoNewBuild();
	}

	/** The one socket, for the other channels on it (supervision.svelte.ts: watch, alerts). */
	get socket(): Socket<ServerToClientEvents, ClientToServerEvents> {
		return this.#socket;
	}

	#enqueue(message: Incoming) {
		this.lastMessageAt = Date.now();
		this.#pending.push(message);
		if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#flush());
	}

	#flush() {
		this.#frame = 0;
		let current = this.snapshot;
		// A full snapshot supersedes everything queued before it.
		let start = 0;
		for (let i = this.#pending.length - 1; i > 0; i--) {
			if (this.#pending[i]?.kind === 'snapshot') {
				start = i;
				break;
			}
		}
		for (const m of this.#pending.slice(start)) {
			if (m.kind === 'snapshot') {
				current = m.value;
				this.#awaitingSnapshot = false;
				continue;
			}
			if (this.#awaitingSnapshot) break;
			if (!current || current.seq !== m.value.base) {
				// Missed a patch (or none to apply it to): drop the rest and ask for the whole thing.
				this.resyncs++;
				this.#awaitingSnapshot = true;
				this.#socket.emit('resync');
				break;
			}
			current = applyMergePatch(current, m.value.patch);
		}
		this.#pending = [];
		this.snapshot = current;
		this.appliedAt = Date.now();
		this.updates++;
	}

	close() {
		this.#stopWatchingBuild();
		clearTimeout(this.#retry);
		if (this.#frame) cancelAnimationFrame(this.#frame);
		this.#socket.removeAllListeners();
		this.#socket.disconnect();
	}
}
