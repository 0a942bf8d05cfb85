/**
 * Supervision on the page's one socket: the alert list every screen receives, and the detail a
 * tablet asks for with `watch`. What is watched is re-sent after a reconnect (the server forgets
 * a socket's rooms with the socket).
 */
import type {
	AlertList,
	DetailMessage,
	SupervisionError,
	WatchKind,
	WatchRequest
} from '$lib/contract';
import type { LiveConnection } from './live.svelte';

export class SupervisionChannel {
	alerts = $state.raw<AlertList | null>(null);
	/** The latest detail per kind, with the browser time it arrived. */
	details = $state.raw<Partial<Record<WatchKind, DetailMessage & { receivedAt: number }>>>({});
	lastError = $state.raw<SupervisionError | null>(null);

	#live: LiveConnection;
	// Bookkeeping of what the server was asked for, never rendered: plain Maps on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#watching = new Map<WatchKind, string>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#requests = new Map<WatchKind, WatchRequest>();
	#onAlerts: ((list: AlertList) => void) | undefined;

	constructor(live: LiveConnection, onAlerts?: (list: AlertList) => void) {
		this.#live = live;
		this.#onAlerts = onAlerts;
		const socket = live.socket;
		socket.on('alerts', (list) => {
			this.alerts = list;
			this.#onAlerts?.(list);
		});
		socket.on('detail', (message) => {
			// A late detail for what is no longer watched is dropped.
			if (this.#watching.get(message.kind) !== JSON.stringify(message.watch)) return;
			this.details = { ...this.details, [message.kind]: { ...message, receivedAt: Date.now() } };
		});
		socket.on('supervision.error', (error) => {
			this.lastError = error;
		});
		socket.on('connect', () => {
			for (const request of this.#requests.values()) socket.emit('watch', request);
		});
	}

	/** Watches `request` (replacing what was watched of its kind); no-op when unchanged. */
	watch(request: WatchRequest) {
		const key = JSON.stringify(request);
		if (this.#watching.get(request.kind) === key) return;
		this.#watching.set(request.kind, key);
		this.#requests.set(request.kind, request);
		const { [request.kind]: _old, ...rest } = this.details;
		this.details = rest;
		if (this.#live.socket.connected) this.#live.socket.emit('watch', request);
	}

	unwatch(kind: WatchKind) {
		if (!this.#watching.has(kind)) return;
		this.#watching.delete(kind);
		this.#requests.delete(kind);
		const { [kind]: _old, ...rest } = this.details;
		this.details = rest;
		if (this.#live.socket.connected) this.#live.socket.emit('unwatch', { kind });
	}
}
