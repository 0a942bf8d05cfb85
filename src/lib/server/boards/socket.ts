/**
 * A screen's socket and the boards feature: on connect an enrolled display gets `screen` (what it
 * is to show) and may send `screen.showing` (what it shows; the socket policy admits it from
 * displays only). Later assignments reach it through its `display:<id>` room (realtime/attach.ts).
 */
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contract';
import type { Logger } from '../logger';
import type { Boards } from '.';

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** The display id of a socket's principal, or null for anyone else. */
export function socketDisplayId(socket: IoSocket): string | null {
	const p = (socket.data as { principal?: { kind?: string; displayId?: unknown } } | undefined)
		?.principal;
	return p?.kind === 'display' && typeof p.displayId === 'string' ? p.displayId : null;
}

export function connectScreen(socket: IoSocket, boards: Boards, logger: Logger): void {
	const displayId = socketDisplayId(socket);
	if (!displayId) return;
	boards.screen(displayId).then(
		(assignment) => {
			if (socket.connected) socket.emit('screen', assignment);
		},
		(err: unknown) => logger.warn({ err, displayId }, 'reading a screen assignment failed')
	);
	socket.on('screen.showing', (showing) => {
		boards.reportShowing(displayId, showing).then(
			(ok) => {
				if (!ok) logger.warn({ displayId }, 'malformed screen.showing ignored');
			},
			(err: unknown) => logger.warn({ err, displayId }, 'storing screen.showing failed')
		);
	});
}
