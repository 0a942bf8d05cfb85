/**
 * Socket.IO on the application's HTTP server (contract §4): full `snapshot` on connect and on
 * `resync`; `patch` broadcasts come from the app's ticker through `broadcast`. A broadcast is
 * encoded once by Socket.IO and written to every client as is.
 *
 * One file (~330 lines): the handshake's authentication, the protocol-version check, the rooms and
 * the per-socket policy check all run on the same connection object in a fixed order, which reads
 * best in one place.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import {
	PROTOCOL_VERSION,
	type BoardsChanged,
	type ClientToServerEvents,
	type PatchMessage,
	type ProtocolRefusal,
	type ScreenAssignment,
	type ServerToClientEvents,
	type Snapshot,
	type SourcesMessage,
	type Thresholds
} from '../../contract';
import type { Logger } from '../logger';
import {
	cookieReader,
	DISPLAY_COOKIE,
	originAllowed,
	renewedDisplayCookie
} from '../auth/authenticate';
import { decide, socketAccess } from '../auth/policy';
import type { Principal } from '../auth/roles';
import { guardResync } from './resync';

/** How often connected sockets' credentials are checked again (logout, expiry, revocation). */
export const CREDENTIAL_SWEEP_MS = 5000;
/** How often enrolled displays' last-seen time is written while they are connected. */
const DISPLAY_SEEN_MS = 60_000;

export type SocketData = {
	/** null: an anonymous viewer, admitted only while no account exists (contract §1). */
	principal: Principal | null;
};

/** Between instances, through the adapter. */
interface InterServerEvents {
	thresholds: (thresholds: Thresholds) => void;
}

export type RealtimeDeps = {
	current(): Snapshot;
	/** The threshold bands, sent on connect (and by `broadcastThresholds` when they change). */
	thresholds(): Thresholds;
	logger: Logger;
	/** The data sources gone stale (source health), sent on connect. */
	sources?(): SourcesMessage;
	/**
	 * With several instances: the Socket.IO adapter that links them (Redis). Patches stay local
	 * (each instance pushes its own snapshot to its own sockets); threshold changes cross over.
	 */
	adapter?: ServerOptions['adapter'];
	/** Another instance changed the thresholds. */
	onRemoteThresholds?(thresholds: Thresholds): void;
	onClientCount?(count: number): void;
	/** The principal for the handshake's cookies or `auth.token`; null when none is valid. */
	authenticate(input: {
		cookie(name: string): string | undefined;
		authorization: string | null;
	}): Promise<Principal | null>;
	/** True while no account exists: the live figures are open to anonymous viewers. */
	openReads(): Promise<boolean>;
	/** Browser origins allowed besides the server's own. */
	allowedOrigins: readonly string[];
	/** Of these, the session ids (sha-256) and display ids still valid. */
	validSessions(ids: readonly string[]): Promise<Set<string>>;
	validDisplays(ids: readonly string[]): Promise<Set<string>>;
	touchDisplays(ids: readonly string[]): Promise<void>;
	/** Per-socket handlers beyond the live figures (supervision.ts: watch, alerts). */
	onConnection?(
		socket: Socket<ClientToServerEvents, ServerToClientEvents>,
		io: Server<ClientToServerEvents, ServerToClientEvents>
	): void;
};

export interface Realtime {
	broadcast(message: PatchMessage): void;
	broadcastThresholds(thresholds: Thresholds): void;
	/** The stale-source list changed (every socket of this instance). */
	broadcastSources(message: SourcesMessage): void;
	/** Cuts a display's or a session's sockets at once, on every instance. */
	disconnect(target: { displayId: string } | { sessionId: string }): void;
	/** A board or playlist changed: every socket on every instance (through the adapter). */
	broadcastBoards(change: BoardsChanged): void;
	/** What display `displayId` is to show: its sockets on every instance. */
	sendScreen(displayId: string, assignment: ScreenAssignment): void;
	readonly clients: number;
	close(): Promise<void>;
}

/** Whether the browser reached us over https (directly, by ORIGIN, or the proxy's header). */
function secureRequest(req: IncomingMessage): boolean {
	if (process.env.ORIGIN) return process.env.ORIGIN.startsWith('https:');
	const header = process.env.PROTOCOL_HEADER?.toLowerCase();
	if (header && typeof req.headers[header] === 'string') return req.headers[header] === 'https';
	return 'encrypted' in req.socket;
}

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
	const ownOrigins = (req: IncomingMessage) => {
		const host = req.headers.host;
		const own = host ? [`http://${host}`, `https://${host}`] : [];
		if (process.env.ORIGIN) own.push(process.env.ORIGIN);
		return own;
	};
	/** A browser from another site may not open a socket (CORS does not cover WebSockets). */
	const crossSite = (req: IncomingMessage) => {
		const origin = req.headers.origin;
		return origin !== undefined && !originAllowed(origin, ownOrigins(req), deps.allowedOrigins);
	};
	// engine.io answers a refused WebSocket upgrade with 400; answer 403 before it sees it.
	const onUpgrade = (req: IncomingMessage, socket: Duplex) => {
		if (!req.url?.startsWith('/socket.io/') || !crossSite(req)) return;
		const body = 'Forbidden: origin not allowed';
		socket.end(
			`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`
		);
		socket.destroy();
		deps.logger.warn({ origin: req.headers.origin }, 'cross-site socket refused');
	};
	httpServer.prependListener('upgrade', onUpgrade);

	const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(
		httpServer,
		{
			...(deps.adapter ? { adapter: deps.adapter } : {}),
			serveClient: false,
			// Patches are tiny; a client that stops reading is dropped rather than buffered forever.
			maxHttpBufferSize: 64 * 1024,
			pingInterval: 10_000,
			pingTimeout: 10_000,
			// Long-polling requests: engine.io answers 403 itself.
			allowRequest: (req, callback) => {
				if (crossSite(req)) callback('origin not allowed', false);
				else callback(null, true);
			}
		}
	);

	// A screen that stays connected for months renews its credential cookie on every (re)connect,
	// as its page requests do (http/authenticate.ts).
	io.engine.on('initial_headers', (headers: Record<string, string>, req: IncomingMessage) => {
		const renewed = renewedDisplayCookie(
			cookieReader(req.headers.cookie)(DISPLAY_COOKIE),
			secureRequest(req)
		);
		if (renewed) headers['set-cookie'] = renewed;
	});

	const refuse = (status: 401 | 403 | 503, message: string) => {
		const err = new Error(message) as Error & { data?: unknown };
		err.data = { status };
		return err;
	};

	io.use((socket, next) => {
		const auth = socket.handshake.auth as { token?: unknown; protocol?: unknown } | undefined;
		// A page from another build states its protocol version: one it does not match would
		// misread our messages, so it is told to reload. Stating none (machine readers that follow
		// the contract, not a bundle) is served as before.
		const protocol = auth?.protocol;
		if (protocol !== undefined && protocol !== null && protocol !== PROTOCOL_VERSION) {
			const got = typeof protocol === 'number' ? protocol : String(protocol).slice(0, 32);
			const err = new Error(
				`protocol version ${got} is not served here (this server speaks ${PROTOCOL_VERSION}): reload the page`
			) as Error & { data?: ProtocolRefusal };
			err.data = { code: 'protocol', expected: PROTOCOL_VERSION, got };
			next(err);
			return;
		}
		const token = auth?.token;
		if (token !== undefined && token !== null && token !== '' && typeof token !== 'string') {
			next(refuse(401, 'invalid read token'));
			return;
		}
		void (async () => {
			const principal = await deps.authenticate({
				cookie: cookieReader(socket.request.headers.cookie),
				authorization: token ? `Bearer ${token}` : null
			});
			if (token && principal?.kind !== 'reader') return refuse(401, 'invalid read token');
			if (!principal && !(await deps.openReads())) {
				return refuse(401, 'sign in, enrol this screen, or send a read token');
			}
			socket.data.principal = principal;
			return undefined;
		})().then(
			(err) => next(err),
			(err: unknown) => {
				deps.logger.error({ err }, 'socket authentication failed');
				next(refuse(503, 'authentication is unavailable; retry shortly'));
			}
		);
	});

	const join = (
		socket: Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
	) => {
		const p = socket.data.principal;
		// The server names every room; clients never do.
		void socket.join(`role:${p?.role ?? 'anonymous'}`);
		if (p?.kind === 'display') void socket.join(`display:${p.displayId}`);
		if (p?.kind === 'user') void socket.join(`session:${p.sessionId}`);
	};

	// Logout, expiry, a disabled user or a revoked display: the credential is checked again every
	// few seconds, and a socket whose credential is gone is cut (it cannot come back).
	let sweeping = false;
	let lastSeenWrite = 0;
	const sweep = async () => {
		if (sweeping) return;
		sweeping = true;
		try {
			const sockets = [...io.of('/').sockets.values()];
			const sessionIds = new Set<string>();
			const displayIds = new Set<string>();
			for (const s of sockets) {
				const p = s.data.principal;
				if (p?.kind === 'user') sessionIds.add(p.sessionId);
				if (p?.kind === 'display') displayIds.add(p.displayId);
			}
			const [sessionsOk, displaysOk, open] = await Promise.all([
				deps.validSessions([...sessionIds]),
				deps.validDisplays([...displayIds]),
				deps.openReads()
			]);
			for (const s of sockets) {
				const p = s.data.principal;
				const valid =
					p === null
						? open
						: p.kind === 'user'
							? sessionsOk.has(p.sessionId)
							: p.kind === 'display'
								? displaysOk.has(p.displayId)
								: true;
				if (!valid) s.disconnect(true);
			}
			if (Date.now() - lastSeenWrite >= DISPLAY_SEEN_MS && displaysOk.size > 0) {
				lastSeenWrite = Date.now();
				await deps.touchDisplays([...displaysOk]);
			}
		} catch (err) {
			deps.logger.warn({ err }, 'socket credential sweep failed');
		} finally {
			sweeping = false;
		}
	};
	const sweeper = setInterval(() => void sweep(), CREDENTIAL_SWEEP_MS);

	io.on('thresholds', (thresholds) => {
		deps.onRemoteThresholds?.(thresholds);
		io.local.emit('thresholds', thresholds);
	});

	io.on('connection', (socket) => {
		deps.onClientCount?.(io.engine.clientsCount);
		join(socket);
		const role = socket.data.principal?.role ?? null;
		const displayId =
			socket.data.principal?.kind === 'display' ? socket.data.principal.displayId : null;
		if (displayId) void deps.touchDisplays([displayId]).catch(() => {});
		// Deny by default: an event this role may not send (or one nobody may) cuts the socket.
		socket.use(([event], next) => {
			if (decide(socketAccess(event), role, socket.data.principal === null) === 'allow') {
				next();
				return;
			}
			deps.logger.warn(
				{ event: String(event).slice(0, 64), role },
				'socket sent a forbidden event: disconnected'
			);
			socket.disconnect(true);
		});
		socket.emit('thresholds', deps.thresholds());
		socket.emit('snapshot', deps.current());
		if (deps.sources) socket.emit('sources', deps.sources());
		socket.on(
			'resync',
			guardResync(socket, () => socket.emit('snapshot', deps.current()), deps.logger)
		);
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
		broadcastSources(message) {
			io.local.emit('sources', message);
		},
		disconnect(target) {
			const room =
				'displayId' in target ? `display:${target.displayId}` : `session:${target.sessionId}`;
			io.in(room).disconnectSockets(true);
		},
		broadcastBoards(change) {
			io.emit('boards.changed', change);
		},
		sendScreen(displayId, assignment) {
			io.to(`display:${displayId}`).emit('screen', assignment);
		},
		get clients() {
			return io.engine.clientsCount;
		},
		close: () =>
			new Promise<void>((resolve) => {
				clearInterval(sweeper);
				httpServer.off('upgrade', onUpgrade);
				io.local.disconnectSockets(true);
				void Promise.resolve(io.of('/').adapter.close()).catch(() => {});
				// io.close() also closes the HTTP server; the caller owns that, so only detach.
				io.engine.close();
				resolve();
			})
	};
}
