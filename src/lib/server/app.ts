/**
 * Wiring: store → metrics → publisher → realtime, with a real start and close. The one place
 * with long-lived mutable state (timers, connections); everything it wires is passed in or
 * created here and released by `close()`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Snapshot, Thresholds, ThresholdsInput, WallboardEvent } from '../contract';
import { parseThresholds } from '../contract';
import {
	LIVE_WINDOW_MS,
	SURVEY_WINDOW_MS,
	createMetrics,
	type Metrics,
	type MetricsConfig
} from '../metrics';
import { resolveThresholds } from '../metrics/thresholds';
import type { Config } from './config';
import { openStore, type EventStore } from './db/store';
import type { EventLog } from './log/event-log';
import { createLocalLog } from './log/local-log';
import { createRedisLog } from './log/redis-log';
import { ingest, type IngestResult } from './ingest/ingest';
import { startSimulator, type SimulatorDriver } from './ingest/simulator-driver';
import { createLogger, type Logger } from './logger';
import { attachRealtime, type Realtime } from './realtime/attach';
import { createPublisher, type Publisher } from './realtime/publisher';
import { createPushGate } from './realtime/push-gate';
import { createTelemetry, type Telemetry } from './telemetry';
import { UnavailableError } from './errors';

const PRUNE_INTERVAL_MS = 60_000;
const INGEST_TOKEN_SETTING = 'ingestTokenSha256';
const THRESHOLDS_SETTING = 'thresholds';

export { UnavailableError };

export interface App {
	readonly config: Config;
	readonly logger: Logger;
	readonly telemetry: Telemetry;
	/** Validates, de-duplicates, stores durably, applies. Throws UnavailableError when storage fails. */
	ingest(items: readonly unknown[]): Promise<IngestResult>;
	/** The live snapshot including every event accepted before the call. */
	snapshot(): Promise<Snapshot>;
	/** True when the database answers and the live state is restored. */
	ready(): Promise<boolean>;
	checkIngestToken(authorization: string | null): boolean;
	/** The wallboard's threshold bands (stored; defaults for what was never set). */
	thresholds(): Thresholds;
	/** Validated input over the defaults; stores it, pushes it to every screen, returns it. */
	setThresholds(input: ThresholdsInput): Promise<Thresholds>;
	checkReadToken(token: unknown): 'ok' | 'denied';
	/** Serves Socket.IO on the HTTP server that also serves the pages. */
	attach(httpServer: HttpServer): void;
	/** Starts background work that should only run once the server listens (the simulator). */
	startBackground(): void;
	/** Stops accepting, lets in-flight batches finish, closes sockets and the database. */
	close(): Promise<void>;
	/** For benchmarks and tests. */
	readonly internals: { metrics: Metrics; publisher: Publisher; store: EventStore };
}

export type AppOptions = { logger?: Logger; now?: () => number; migrationsFolder?: string };

const sha256 = (s: string) => createHash('sha256').update(s).digest();

function bearer(authorization: string | null): string | null {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	return m ? (m[1] as string) : null;
}

function sameSecret(presented: string, expectedHash: Buffer): boolean {
	return timingSafeEqual(sha256(presented), expectedHash);
}

async function resolveIngestTokenHash(
	config: Config,
	store: EventStore,
	logger: Logger
): Promise<Buffer> {
	if (config.ingestToken) return sha256(config.ingestToken);
	const stored = await store.getSetting(INGEST_TOKEN_SETTING);
	if (typeof stored === 'string') return Buffer.from(stored, 'hex');
	const token = randomBytes(24).toString('base64url');
	const hash = sha256(token);
	if (await store.setSettingIfAbsent(INGEST_TOKEN_SETTING, hash.toString('hex'))) {
		// Printed once, on the start that generated it; only its hash is stored.
		process.stdout.write(
			`\n  INGEST_TOKEN (generated, shown only this once; only its hash is stored):\n    ${token}\n  Send it as "Authorization: Bearer <token>" to POST /api/v1/events, or set INGEST_TOKEN.\n\n`
		);
		logger.info('generated an ingest token and stored its hash');
		return hash;
	}
	// Another instance generated one at the same moment: use that one.
	const winner = await store.getSetting(INGEST_TOKEN_SETTING);
	return Buffer.from(String(winner), 'hex');
}

/** The stored thresholds over the defaults; a stored value that no longer validates is ignored. */
async function loadThresholds(store: EventStore, logger: Logger): Promise<Thresholds> {
	const stored = await store.getSetting(THRESHOLDS_SETTING);
	if (stored === undefined) return resolveThresholds(undefined);
	const parsed = parseThresholds(stored);
	if (parsed.ok) return resolveThresholds(parsed.value);
	logger.warn({ errors: parsed.errors }, 'stored thresholds are invalid: using the defaults');
	return resolveThresholds(undefined);
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
	const logger = options.logger ?? createLogger(config.logLevel);
	const now = options.now ?? Date.now;
	const telemetry = createTelemetry();
	const startedAt = now();
	const store = await openStore({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		migrationsFolder: options.migrationsFolder,
		logger,
		history: metricsConfigOf(config)
	});
	const metrics = createMetrics(metricsConfigOf(config));
	let log: EventLog | undefined;
	// The shared log may deliver events during its replay, before the publisher exists.
	const wake = { onShared: () => {} };
	try {
		const restoreAt = now();
		const events = await store.loadLive(restoreAt, {
			liveWindowMs: LIVE_WINDOW_MS,
			surveyWindowMs: SURVEY_WINDOW_MS
		});
		metrics.applyAll(events);
		metrics.prune(restoreAt);
		log = config.redisUrl
			? await createRedisLog({
					url: config.redisUrl,
					prefix: config.redisKeyPrefix,
					instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
					store,
					logger
				})
			: createLocalLog(store);
		// From here on, events accepted by any instance reach this engine (the Redis log first
		// replays what PostgreSQL does not hold yet). Applying an event twice changes nothing.
		await log.start((shared) => {
			for (const e of shared) metrics.apply(e);
			wake.onShared();
		});
		logger.info(
			{
				events: events.length,
				ms: now() - startedAt,
				backend: store.kind,
				log: log.kind,
				...metrics.stats
			},
			'live state restored'
		);
	} catch (err) {
		await log?.close();
		await store.close();
		throw err;
	}
	const eventLog = log;
	// Several instances: their Socket.IO servers are linked through Redis too (for what is not
	// the per-instance snapshot push: threshold changes).
	let adapterClient: ReturnType<typeof createClient> | undefined;
	let socketAdapter: ReturnType<typeof createAdapter> | undefined;
	if (config.redisUrl) {
		adapterClient = createClient({ url: config.redisUrl });
		adapterClient.on('error', (err: Error) =>
			logger.warn({ err: err.message }, 'redis error (socket.io adapter)')
		);
		await adapterClient.connect();
		socketAdapter = createAdapter(adapterClient, {
			streamName: `${config.redisKeyPrefix}socket.io`
		});
	}
	let ingestTokenHash: Buffer;
	try {
		ingestTokenHash = await resolveIngestTokenHash(config, store, logger);
	} catch (err) {
		await store.close();
		throw err;
	}
	const readTokenHash = config.readToken ? sha256(config.readToken) : null;
	let thresholds: Thresholds;
	try {
		thresholds = await loadThresholds(store, logger);
	} catch (err) {
		await store.close();
		throw err;
	}

	const live = createPublisher((t) => metrics.snapshot(t), now());
	let realtime: Realtime | undefined;
	let settleWaiters: Array<() => void> = [];
	let closing = false;
	// Push scheduling: a change goes out as soon as the push gate allows (≤ 10 patches in any
	// second, ≥ 98 ms apart: push-gate.ts), so one event alone reaches screens in about a
	// millisecond and a burst is coalesced; otherwise the publisher is consulted at every whole
	// second, for changes driven by time alone and the 5 s heartbeat.
	const gate = createPushGate();
	let timer: NodeJS.Timeout | undefined;
	let timerDue = Infinity;
	const runTick = () => {
		timer = undefined;
		timerDue = Infinity;
		const t = now();
		if (gate.wait(t) > 0) {
			scheduleTick(); // the timer fired early (Node's loop clock): wait for the gate
			return;
		}
		const message = eventLog.healthy() ? live.tick(t) : null;
		if (message) {
			gate.record(t);
			telemetry.patches.inc();
			telemetry.liveSeq.set(message.seq);
			if (realtime) {
				telemetry.patchBytes.observe(Buffer.byteLength(JSON.stringify(message)));
				realtime.broadcast(message);
			}
		}
		const waiters = settleWaiters;
		settleWaiters = [];
		for (const w of waiters) w();
		scheduleTick();
	};
	const scheduleTick = () => {
		if (closing) return;
		const t = now();
		const wanted = live.dirty ? 0 : 1000 - (t % 1000) + 1;
		const delay = Math.ceil(Math.max(wanted, gate.wait(t)));
		if (timer && timerDue <= t + delay) return;
		clearTimeout(timer);
		timerDue = t + delay;
		timer = setTimeout(runTick, delay);
	};
	wake.onShared = () => {
		live.markDirty();
		scheduleTick();
	};
	const pruner = setInterval(() => metrics.prune(now()), PRUNE_INTERVAL_MS);
	scheduleTick();

	const inFlight = new Set<Promise<unknown>>();
	let simulator: SimulatorDriver | undefined;

	async function runIngest(items: readonly unknown[]): Promise<IngestResult> {
		if (closing) throw new UnavailableError('the server is shutting down');
		const end = telemetry.ingestSeconds.startTimer();
		const work = ingest(
			{
				append: async (events: readonly WallboardEvent[], receivedAt: number) => {
					try {
						return await eventLog.append(events, receivedAt);
					} catch (err) {
						logger.error(
							{ err, events: events.length, log: eventLog.kind },
							'storing events failed'
						);
						throw new UnavailableError(
							eventLog.kind === 'redis'
								? 'the shared event log or the database is unavailable; nothing was accepted, retry later'
								: 'the database is unavailable; nothing was accepted, retry later'
						);
					}
				},
				apply: (events) => {
					for (const e of events) metrics.apply(e);
					live.markDirty();
					scheduleTick();
				}
			},
			items,
			now()
		);
		inFlight.add(work);
		try {
			const result = await work;
			telemetry.ingestEvents.inc({ result: 'accepted' }, result.accepted);
			telemetry.ingestEvents.inc({ result: 'duplicate' }, result.duplicates);
			telemetry.ingestEvents.inc({ result: 'rejected' }, result.rejected.length);
			return result;
		} finally {
			inFlight.delete(work);
			end();
		}
	}

	const app: App = {
		config,
		logger,
		telemetry,
		internals: { metrics, publisher: live, store },
		ingest: runIngest,
		async snapshot() {
			if (live.dirty && eventLog.healthy()) {
				await new Promise<void>((resolve) => settleWaiters.push(resolve));
			}
			return live.current();
		},
		async ready() {
			if (closing) return false;
			try {
				await store.ping();
				return eventLog.healthy();
			} catch {
				return false;
			}
		},
		checkIngestToken(authorization) {
			const token = bearer(authorization);
			return token !== null && sameSecret(token, ingestTokenHash);
		},
		thresholds: () => thresholds,
		async setThresholds(input) {
			if (closing) throw new UnavailableError('the server is shutting down');
			const next = resolveThresholds(input);
			try {
				await store.setSetting(THRESHOLDS_SETTING, input);
			} catch (err) {
				logger.error({ err }, 'storing thresholds failed');
				throw new UnavailableError('the database is unavailable; retry later');
			}
			thresholds = next;
			realtime?.broadcastThresholds(next);
			logger.info({ thresholds: next }, 'thresholds changed');
			return next;
		},
		checkReadToken(token) {
			// Until accounts exist reads are open: only a wrong token is refused.
			if (token === undefined || token === null || token === '' || !readTokenHash) return 'ok';
			if (typeof token !== 'string') return 'denied';
			return sameSecret(token, readTokenHash) ? 'ok' : 'denied';
		},
		attach(httpServer) {
			realtime = attachRealtime(httpServer, {
				adapter: socketAdapter,
				onRemoteThresholds: (next) => {
					thresholds = next;
				},
				current: () => live.current(),
				thresholds: () => thresholds,
				checkReadToken: (t) => app.checkReadToken(t),
				logger,
				onClientCount: (n) => telemetry.socketClients.set(n)
			});
		},
		startBackground() {
			if (!config.simulate.enabled || simulator) return;
			simulator = startSimulator({
				...config.simulate,
				timezone: config.timezone,
				now,
				logger,
				send: (events) => runIngest(events)
			});
		},
		async close() {
			if (closing) return;
			closing = true;
			await simulator?.stop();
			await Promise.allSettled([...inFlight]);
			clearTimeout(timer);
			clearInterval(pruner);
			for (const w of settleWaiters) w();
			settleWaiters = [];
			await realtime?.close();
			await eventLog.close();
			await adapterClient?.quit().catch(() => {});
			await store.close();
			logger.info('closed');
		}
	};
	return app;
}

/** The metrics rules of the configuration: the live engine's and the history rollups'. */
export function metricsConfigOf(config: Config): MetricsConfig {
	return {
		timezone: config.timezone,
		serviceLevelTargetMs: config.serviceLevelTargetMs,
		serviceLevelTargetByQueueMs: config.serviceLevelTargetByQueueMs,
		dispatchDeadlineMs: config.dispatchDeadlineMs
	};
}
