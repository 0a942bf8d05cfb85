/**
 * What the wall shows and when (issue 13): the board or playlist the URL names, else the screen's
 * assignment (`screen` on the socket, on connect and whenever an admin changes it), else the hall;
 * the rotation with its seconds, paused for a minute after a touch; a playlist's red-alert board
 * while a red alert is unacknowledged; the night schedule in the business zone. The choice itself
 * is pure (boards/screen.ts); this class keeps the loads, the rotation and the socket messages.
 * Built-in boards never touch the network; stored boards and playlists are fetched, retried while
 * missing or failing, and refetched in place on `boards.changed`. Nothing here navigates.
 */
import { SvelteMap } from 'svelte/reactivity';
import { BUILT_IN_BOARDS, DEFAULT_BOARD_ID } from '$lib/boards/builtin';
import {
	chooseShown,
	inNightWindow,
	startRotation,
	stepRotation,
	type RotationState,
	type Shown
} from '$lib/boards/screen';
import type { Alert, Board, Playlist, ScreenAssignment, ScreenShowing } from '$lib/contract';
import { ApiError, apiFetch } from './api';
import type { LiveConnection } from './live.svelte';

/** A touch pauses the rotation for this long (each touch starts it again). */
export const PAUSE_MS = 60_000;
/** A board or playlist that is missing or failed to load is asked for again this often. */
export const RETRY_MS = 10_000;

export type Load<T> =
	| { status: 'loading' }
	| { status: 'ready'; value: T }
	| { status: 'missing' }
	| { status: 'failed'; message: string };

const BUILT_IN = new Map(BUILT_IN_BOARDS.map((b) => [b.id, b]));

export class WallScreen {
	/** From the socket; null until it comes (never, for a screen that is not enrolled). */
	assignment = $state.raw<ScreenAssignment | null>(null);
	/** Browser time (ms) until which the rotation is paused; 0 when it runs. */
	pausedUntil = $state(0);
	/** Loads by id; a built-in board is ready at once. */
	readonly boards = new SvelteMap<string, Load<Board>>();
	readonly playlists = new SvelteMap<string, Load<Playlist>>();
	#rotation = $state.raw<RotationState | null>(null);
	#rotationOf: string | null = null;
	// Timers, never rendered: a plain Map on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#retries = new Map<string, ReturnType<typeof setTimeout>>();
	#live: LiveConnection;
	#url: { board: string | null; playlist: string | null };
	#closed = false;
	#lastShowing = '';

	constructor(
		live: LiveConnection,
		url: { board: string | null; playlist: string | null },
		/** Active alerts (the page's SupervisionChannel), read when choosing. */
		readonly alerts: () => readonly Alert[] | null,
		/** Browser time now (the page's Clock), read when choosing. */
		readonly now: () => number
	) {
		this.#live = live;
		this.#url = url;
		live.socket.on('screen', (assignment) => {
			this.assignment = assignment;
			// Said again on every connect: the server keeps it only for the list in /admin/displays.
			this.#lastShowing = '';
		});
		live.socket.on('boards.changed', (change) => {
			const cache = change.kind === 'board' ? this.boards : this.playlists;
			if (!cache.has(change.id) || (change.kind === 'board' && BUILT_IN.has(change.id))) return;
			if (change.deleted) cache.set(change.id, { status: 'missing' });
			this.#fetch(change.kind, change.id, true);
		});
	}

	/** The playlist in use (URL, then assignment), if any. */
	get playlistId(): string | null {
		if (this.#url.playlist !== null) return this.#url.playlist;
		if (this.#url.board !== null) return null;
		return this.assignment?.playlist ?? null;
	}

	/** The board asked for when there is no playlist. */
	get boardId(): string {
		return this.#url.board ?? this.assignment?.board ?? DEFAULT_BOARD_ID;
	}

	get paused(): boolean {
		return this.pausedUntil > this.now();
	}

	/** A touch or click: pause the rotation (or keep it paused) for PAUSE_MS from now. */
	touch(): void {
		this.pausedUntil = this.now() + PAUSE_MS;
	}

	playlist(): Load<Playlist> | null {
		const id = this.playlistId;
		return id === null ? null : this.#load('playlist', id);
	}

	/** Steps the rotation to `now` (call it every clock tick); no-op without a ready playlist. */
	tick(now: number): void {
		const load = this.playlist();
		const id = this.playlistId;
		if (id === null || load?.status !== 'ready') {
			this.#rotation = null;
			this.#rotationOf = null;
			return;
		}
		const items = load.value.items;
		if (this.#rotationOf !== id || this.#rotation === null) {
			this.#rotationOf = id;
			this.#rotation = startRotation(items, now);
		} else if (this.pausedUntil <= now) {
			const next = stepRotation(items, this.#rotation, now);
			if (next !== this.#rotation) this.#rotation = next;
		}
		// The next boards are fetched ahead, so a rotation never waits on the network.
		for (const item of items) this.#load('board', item.board);
		if (load.value.redAlertBoard) this.#load('board', load.value.redAlertBoard);
	}

	/** Which board to show now, and whether dimmed (boards/screen.ts decides). */
	shown(): Shown {
		const load = this.playlist();
		const playlist = load?.status === 'ready' ? load.value : null;
		const item = playlist && this.#rotation ? playlist.items[this.#rotation.index] : undefined;
		const night = this.assignment?.night;
		const timezone = this.#live.snapshot?.timezone;
		const redAlert = (this.alerts() ?? []).some((a) => a.level === 'bad' && !a.ackedAt);
		return chooseShown({
			board: this.boardId,
			...(item ? { playlistBoard: item.board } : {}),
			redAlert,
			...(playlist?.redAlertBoard ? { redAlertBoard: playlist.redAlertBoard } : {}),
			...(night ? { night } : {}),
			nightActive:
				night !== undefined && timezone !== undefined && inNightWindow(this.now(), timezone, night)
		});
	}

	board(id: string): Load<Board> {
		return this.#load('board', id);
	}

	/** For an enrolled screen: say what it shows whenever that changes (and after each connect). */
	report(showing: ScreenShowing): void {
		if (this.assignment === null) return;
		const key = JSON.stringify(showing);
		if (key === this.#lastShowing || !this.#live.socket.connected) return;
		this.#lastShowing = key;
		this.#live.socket.emit('screen.showing', showing);
	}

	close(): void {
		this.#closed = true;
		for (const t of this.#retries.values()) clearTimeout(t);
		this.#retries.clear();
	}

	#load(kind: 'board', id: string): Load<Board>;
	#load(kind: 'playlist', id: string): Load<Playlist>;
	#load(kind: 'board' | 'playlist', id: string): Load<Board> | Load<Playlist> {
		if (kind === 'board') {
			const builtIn = BUILT_IN.get(id);
			if (builtIn) return { status: 'ready', value: builtIn };
		}
		const cache = kind === 'board' ? this.boards : this.playlists;
		const known = cache.get(id);
		if (known) return known;
		const loading = { status: 'loading' } as const;
		// Reading the map inside a template must not write to it in the same pass.
		queueMicrotask(() => this.#fetch(kind, id, false));
		return loading;
	}

	#fetch(kind: 'board' | 'playlist', id: string, refresh: boolean): void {
		if (this.#closed) return;
		const cache: SvelteMap<string, Load<Board | Playlist>> = kind === 'board'
			? this.boards
			: this.playlists;
		const key = `${kind}:${id}`;
		if (!refresh && cache.has(id)) return;
		if (!cache.has(id)) cache.set(id, { status: 'loading' });
		clearTimeout(this.#retries.get(key));
		this.#retries.delete(key);
		const path = `/api/v1/${kind === 'board' ? 'boards' : 'playlists'}/${encodeURIComponent(id)}`;
		apiFetch<Board | Playlist>(path).then(
			(value) => {
				if (!this.#closed) cache.set(id, { status: 'ready', value });
			},
			(err: unknown) => {
				if (this.#closed) return;
				const missing = err instanceof ApiError && err.status === 404;
				// A board that was showing stays on screen through a failed refetch.
				if (!missing && cache.get(id)?.status === 'ready') return this.#retry(kind, id);
				cache.set(
					id,
					missing
						? { status: 'missing' }
						: { status: 'failed', message: err instanceof Error ? err.message : String(err) }
				);
				this.#retry(kind, id);
			}
		);
	}

	#retry(kind: 'board' | 'playlist', id: string): void {
		const key = `${kind}:${id}`;
		clearTimeout(this.#retries.get(key));
		this.#retries.set(
			key,
			setTimeout(() => {
				this.#retries.delete(key);
				this.#fetch(kind, id, true);
			}, RETRY_MS)
		);
	}
}
