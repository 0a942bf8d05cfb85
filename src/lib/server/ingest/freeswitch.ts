/**
 * FreeSWITCH mod_callcenter over the event socket (FREESWITCH_ESL=host:port, inbound mode): a
 * small client over node:net and the pure framing parser (src/lib/adapters/esl.ts). It answers
 * `auth/request` with `auth <password>`, subscribes with
 * `event plain HEARTBEAT CUSTOM callcenter::info` (mod_event_socket's
 * `event [plain|json|xml] <type…> [<subclass…>]`; HEARTBEAT, every 20 s by default, proves the
 * link is alive on a quiet night), maps each `text/event-plain` event with the callcenter mapper
 * and hands what arrived within BATCH_MS to the ingest service in one call. While an ingest is in
 * flight the socket is paused (backpressure: FreeSWITCH buffers); a failed ingest is retried
 * with the socket still paused, so nothing received is dropped. Close, error or a refused
 * password: reconnect with exponential backoff and jitter (0.5 s → 30 s; a refused password
 * waits the longest, and says so in the log and the source health). Event ids come from
 * Core-UUID + Event-Sequence, so an event delivered twice is one event. ESL has no replay: events
 * FreeSWITCH emits while the link is down are not recovered (the queue_log or a CDR import is
 * the record of those).
 *
 * Why no library: `modesl` (1.2.1) pulls uuid 3, xml2js 0.4 and eventemitter2 4 and has no
 * pause/resume hook for backpressure; `esl-lite` (3.2.0) is maintained but brings its own
 * parser and queueing model on top of what we already have tested byte by byte. The client part
 * here is three replies and a reconnect loop.
 */
import { connect, type Socket } from 'node:net';
import { createCallcenterMapper } from '../../adapters/callcenter';
import { createEslParser, type EslMessage } from '../../adapters/esl';
import type { WallboardEvent } from '../../contract/events';
import type { Logger } from '../logger';
import type { IngestResult } from './service';
import type { SourceReporter } from './source-health';

export const BATCH_MS = 50;
export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** A failed ingest is tried again after this long, the socket paused meanwhile. */
export const INGEST_RETRY_MS = 1000;
export const SUBSCRIBE_COMMAND = 'event plain HEARTBEAT CUSTOM callcenter::info';

export type FreeswitchDeps = {
	host: string;
	port: number;
	password: string;
	ingest(items: readonly unknown[]): Promise<IngestResult>;
	health: SourceReporter;
	logger: Logger;
	backoff?: { minMs: number; maxMs: number };
	random?: () => number;
};

export interface FreeswitchSource {
	close(): Promise<void>;
}

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, 50–100 % of it. */
export function backoffDelay(
	attempt: number,
	random: number,
	minMs = BACKOFF_MIN_MS,
	maxMs = BACKOFF_MAX_MS
): number {
	const full = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
	return Math.round(full * (0.5 + 0.5 * random));
}

export function startFreeswitch(deps: FreeswitchDeps): FreeswitchSource {
	const { host, port, logger, health } = deps;
	const min = deps.backoff?.minMs ?? BACKOFF_MIN_MS;
	const max = deps.backoff?.maxMs ?? BACKOFF_MAX_MS;
	const random = deps.random ?? Math.random;
	const log = logger.child({ source: 'freeswitch-esl', host, port });
	const mapper = createCallcenterMapper();

	let closed = false;
	let socket: Socket | null = null;
	let attempt = 0;
	let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
	let pending: WallboardEvent[] = [];
	let batchTimer: ReturnType<typeof setTimeout> | undefined;
	let flushing: Promise<void> | null = null;

	function connectOnce() {
		if (closed) return;
		health.report({ state: 'connecting' });
		const parser = createEslParser();
		let phase: 'auth' | 'auth-reply' | 'subscribe-reply' | 'live' = 'auth';
		let authRefused = false;
		const s = connect({ host, port });
		socket = s;
		s.setKeepAlive(true, 30_000);

		const fail = (message: string) => {
			health.report({ state: 'error', error: message });
			s.destroy();
		};
		const onMessage = (m: EslMessage) => {
			const type = m.headers['Content-Type'];
			if (type === 'auth/request' && phase === 'auth') {
				phase = 'auth-reply';
				s.write(`auth ${deps.password}\n\n`);
			} else if (type === 'command/reply' && phase === 'auth-reply') {
				const reply = m.headers['Reply-Text'] ?? '';
				if (!reply.startsWith('+OK')) {
					authRefused = true;
					log.error({ reply }, 'FreeSWITCH refused the password (FREESWITCH_ESL_PASSWORD)');
					return fail(`authentication refused: ${reply || 'no reply text'}`);
				}
				phase = 'subscribe-reply';
				s.write(`${SUBSCRIBE_COMMAND}\n\n`);
			} else if (type === 'command/reply' && phase === 'subscribe-reply') {
				const reply = m.headers['Reply-Text'] ?? '';
				if (!reply.startsWith('+OK')) return fail(`event subscription refused: ${reply}`);
				phase = 'live';
				attempt = 0;
				health.report({ state: 'connected', alive: true, error: null });
				log.info('connected to the FreeSWITCH event socket');
			} else if (type === 'text/event-plain' && m.event) {
				onEvent(m.event.headers);
			} else if (type === 'text/disconnect-notice') {
				log.warn('FreeSWITCH is closing the event socket');
			}
		};

		s.on('data', (chunk: Buffer) => {
			let messages: EslMessage[];
			try {
				messages = parser.push(chunk);
			} catch (err) {
				log.error({ err }, 'corrupt event-socket stream; reconnecting');
				return fail(`corrupt stream: ${(err as Error).message}`);
			}
			for (const m of messages) {
				onMessage(m);
				if (s.destroyed) return;
			}
		});
		s.on('error', (err) => {
			health.report({ error: err.message });
			log.warn({ err: err.message }, 'event socket error');
		});
		s.on('close', () => {
			if (socket === s) socket = null;
			if (closed) return;
			if (phase === 'live') health.report({ state: 'waiting' });
			else if (!authRefused) health.report({ state: 'waiting' });
			const delay = authRefused ? max : backoffDelay(attempt++, random(), min, max);
			log.info({ delayMs: delay, authRefused }, 'event socket closed; reconnecting');
			reconnectTimer = setTimeout(connectOnce, delay);
		});
	}

	function onEvent(headers: Record<string, string>) {
		if (headers['Event-Name'] === 'HEARTBEAT') {
			health.report({ alive: true });
			return;
		}
		const result = mapper.map(headers);
		if (result.kind === 'rejected') {
			// Error messages only: the event's headers hold caller numbers.
			log.warn({ errors: result.errors, action: headers['CC-Action'] }, 'event rejected');
			health.report({ alive: true, error: `event rejected: ${result.errors.join('; ')}` });
			return;
		}
		if (result.kind === 'ignored') {
			health.report({ alive: true });
			return;
		}
		pending.push(result.event);
		batchTimer ??= setTimeout(() => {
			batchTimer = undefined;
			void flush();
		}, BATCH_MS);
	}

	function flush(): Promise<void> {
		flushing ??= (async () => {
			socket?.pause();
			try {
				while (pending.length > 0) {
					const batch = pending;
					pending = [];
					try {
						await deps.ingest(batch);
						health.report({ events: batch.length });
					} catch (err) {
						pending = [...batch, ...pending];
						health.report({ error: `ingest failed: ${(err as Error).message}` });
						log.error({ err, events: batch.length }, 'ingest failed; retrying');
						if (closed) return;
						await new Promise((r) => setTimeout(r, INGEST_RETRY_MS));
					}
				}
			} finally {
				flushing = null;
				socket?.resume();
			}
		})();
		return flushing;
	}

	connectOnce();

	return {
		async close() {
			if (closed) return;
			closed = true;
			clearTimeout(reconnectTimer);
			clearTimeout(batchTimer);
			socket?.destroy();
			// What was received is still handed over once (the ingest service closes after this).
			await (flushing ?? flush());
			if (pending.length > 0) log.warn({ events: pending.length }, 'events not ingested at close');
		}
	};
}
