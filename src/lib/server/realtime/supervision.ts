/**
 * Supervision over the one socket: `watch` / `unwatch` (validated with zod; the server derives
 * the room, clients never name one), `detail` pushed only to the sockets in a room, once a
 * second at most and only when it changed; `alerts` to every socket on connect, and `alert.ack`.
 * Who may send these events is decided centrally (auth/policy.ts SOCKET_POLICY), not here.
 */
import type { Server, Socket } from 'socket.io';
import {
	alertAckSchema,
	type AlertList,
	unwatchRequestSchema,
	watchRequestSchema,
	type ClientToServerEvents,
	type AgentRow,
	type AgentToday,
	type DetailMessage,
	type ServerToClientEvents,
	type WatchKind,
	type WatchRequest
} from '../../contract';
import type { AgentDay } from '../../metrics/agent-day';
import type { LiveRecords } from '../../metrics/engine';
import { agentsList, callbackList, queueDetail, ticketBoard } from '../../metrics/detail';
import type { AlertService } from '../alerts';
import type { Logger } from '../logger';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Details are re-evaluated at most this often. */
export const DETAIL_INTERVAL_MS = 1000;
/** Nobody without a username (no accounts yet, or a machine reader) acknowledges as this. */
export const ANONYMOUS_ACK = 'anonymous';

export type SupervisionDeps = {
	records: LiveRecords;
	/** Per-agent figures for today; without it agent rows carry none. */
	agentDay?: AgentDay;
	alerts: AlertService;
	now: () => number;
	logger: Logger;
};

export interface Supervision {
	/** Called by the realtime layer for every new socket. */
	connect(socket: IoSocket, io: IoServer): void;
	/** Called by the app's ticker; pushes changed details (≤ 1 per DETAIL_INTERVAL_MS). */
	tick(now: number): void;
	/** Pushes the alert list to every socket of this instance. */
	broadcastAlerts(list: AlertList): void;
	/** Number of rooms with watchers, for tests and logs. */
	readonly rooms: number;
}

/** The room of a request: one per distinct (kind, filter), named by the server. */
export function roomOf(w: WatchRequest): string {
	switch (w.kind) {
		case 'queue':
			return `detail:queue:${JSON.stringify([w.queue])}`;
		case 'tickets':
			return `detail:tickets:${JSON.stringify([w.district ?? null, w.department ?? null])}`;
		case 'agents':
			return `detail:agents:${JSON.stringify([w.team ?? null, w.state ?? null])}`;
		case 'callbacks':
			return `detail:callbacks:${JSON.stringify([w.queue ?? null])}`;
	}
}

const NO_FIGURES: AgentToday = { handled: 0, ahtSeconds: null, breakSeconds: 0 };

/** Agent rows with today's figures (an agent with none today: zeros). */
function withToday(rows: AgentRow[], figures: Map<string, AgentToday> | null): AgentRow[] {
	if (figures === null) return rows;
	return rows.map((r) => ({ ...r, today: figures.get(r.agentId) ?? NO_FIGURES }));
}

/** The detail for a request at `now`. */
export function computeDetail(
	records: LiveRecords,
	w: WatchRequest,
	now: number,
	agentDay?: AgentDay
): DetailMessage {
	const at = new Date(now).toISOString();
	const figures = () => agentDay?.figures(now) ?? null;
	switch (w.kind) {
		case 'queue': {
			const detail = queueDetail(records, now, w.queue);
			return {
				kind: 'queue',
				watch: w,
				at,
				detail: { ...detail, agents: withToday(detail.agents, figures()) }
			};
		}
		case 'tickets':
			return {
				kind: 'tickets',
				watch: w,
				at,
				detail: ticketBoard(records, now, { district: w.district, department: w.department })
			};
		case 'agents': {
			const detail = agentsList(records, now, { team: w.team, state: w.state });
			return {
				kind: 'agents',
				watch: w,
				at,
				detail: { ...detail, agents: withToday(detail.agents, figures()) }
			};
		}
		case 'callbacks':
			return { kind: 'callbacks', watch: w, at, detail: callbackList(records, now, w.queue) };
	}
}

/**
 * The detail without what only time changes (screens tick those from the instants they get),
 * so a detail is pushed when something happened, or a ticket crossed its deadline.
 */
export function changeKey(message: DetailMessage): string {
	return JSON.stringify(message.detail, (k, v: unknown) =>
		k === 'waitingSeconds' ||
		k === 'stateSinceSeconds' ||
		k === 'secondsLeft' ||
		k === 'awaitingSeconds' ||
		k === 'breakSeconds'
			? undefined
			: v
	);
}

function usernameOf(socket: IoSocket): string {
	const principal = (
		socket.data as { principal?: { kind?: string; username?: unknown } } | undefined
	)?.principal;
	return principal?.kind === 'user' && typeof principal.username === 'string'
		? principal.username
		: ANONYMOUS_ACK;
}

function firstError(error: {
	issues: readonly { path: PropertyKey[]; message: string }[];
}): string {
	const issue = error.issues[0];
	if (!issue) return 'invalid payload';
	return `${issue.path.length ? issue.path.map(String).join('.') : '(payload)'}: ${issue.message}`;
}

export function createSupervision(deps: SupervisionDeps): Supervision {
	const { records, agentDay, alerts, logger, now } = deps;
	let io: IoServer | undefined;
	/** room → the request it serves and the change key last pushed. */
	const rooms = new Map<string, { watch: WatchRequest; lastKey: string | null }>();
	/** socket id → its room per kind. */
	const watching = new Map<string, Map<WatchKind, string>>();
	let lastTickAt = -Infinity;

	function leave(socket: IoSocket, kind: WatchKind) {
		const mine = watching.get(socket.id);
		const room = mine?.get(kind);
		if (room === undefined) return;
		mine?.delete(kind);
		void socket.leave(room);
	}

	return {
		broadcastAlerts(list) {
			io?.local.emit('alerts', list);
		},
		get rooms() {
			return rooms.size;
		},
		connect(socket, server) {
			io = server;
			watching.set(socket.id, new Map());
			socket.emit('alerts', alerts.current());

			socket.on('watch', (raw: unknown) => {
				const parsed = watchRequestSchema.safeParse(raw);
				if (!parsed.success) {
					socket.emit('supervision.error', { event: 'watch', error: firstError(parsed.error) });
					return;
				}
				const w = parsed.data;
				const room = roomOf(w);
				leave(socket, w.kind);
				void socket.join(room);
				watching.get(socket.id)?.set(w.kind, room);
				// The watcher gets the detail at once; the room's next push follows changes.
				const message = computeDetail(records, w, now(), agentDay);
				if (!rooms.has(room)) rooms.set(room, { watch: w, lastKey: changeKey(message) });
				socket.emit('detail', message);
			});

			socket.on('unwatch', (raw: unknown) => {
				const parsed = unwatchRequestSchema.safeParse(raw);
				if (!parsed.success) {
					socket.emit('supervision.error', { event: 'unwatch', error: firstError(parsed.error) });
					return;
				}
				leave(socket, parsed.data.kind);
			});

			socket.on('alert.ack', (raw: unknown) => {
				const parsed = alertAckSchema.safeParse(raw);
				if (!parsed.success) {
					socket.emit('supervision.error', { event: 'alert.ack', error: firstError(parsed.error) });
					return;
				}
				const { id } = parsed.data;
				alerts.ack(id, usernameOf(socket)).then(
					(result) => {
						if (result.status === 'not-found') {
							socket.emit('supervision.error', { event: 'alert.ack', error: `no alert ${id}` });
						} else if (result.status === 'already') {
							socket.emit('supervision.error', {
								event: 'alert.ack',
								error: `alert ${id} was already acknowledged by ${result.alert.ackedBy} at ${result.alert.ackedAt}`
							});
						}
					},
					(err: unknown) => {
						logger.warn({ err, id }, 'acknowledging an alert failed');
						socket.emit('supervision.error', {
							event: 'alert.ack',
							error: 'the database is unavailable; try again in a moment'
						});
					}
				);
			});

			socket.on('disconnect', () => {
				watching.delete(socket.id);
			});
		},
		tick(now) {
			if (io === undefined || now - lastTickAt < DETAIL_INTERVAL_MS - 50) return;
			lastTickAt = now;
			const live = io.of('/').adapter.rooms;
			for (const [room, entry] of rooms) {
				if ((live.get(room)?.size ?? 0) === 0) {
					rooms.delete(room);
					continue;
				}
				const message = computeDetail(records, entry.watch, now, agentDay);
				const key = changeKey(message);
				if (key === entry.lastKey) continue;
				entry.lastKey = key;
				io.local.to(room).emit('detail', message);
			}
		}
	};
}
