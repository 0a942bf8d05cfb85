/**
 * Wiring: store → metrics → publisher → realtime, with a real start and close. The one place
 * with long-lived mutable state (timers, connections); everything it wires is passed in or
 * created here and released by `close()`.
 */
import { createHash, randomBytes } from 'node:crypto';
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
import { createAlertService, type AlertService } from './alerts';
import { attachRealtime, type Realtime } from './realtime/attach';
import { createPublisher, type Publisher } from './realtime/publisher';
import { createPushGate } from './realtime/push-gate';
import { createSupervision } from './realtime/supervision';
import { createTelemetry, type Telemetry } from './telemetry';
import { UnavailableError } from './errors';
import { createAccounts, type Accounts, type SourceCredential } from './auth/accounts';
import { bearerToken, createAuthenticator, type Authenticator } from './auth/authenticate';
import { matchesHash } from './auth/secrets';
import { createLimiter, type Limiter } from './auth/rate-limit';

const PRUNE_INTERVAL_MS = 60_000;
const INGEST_TOKEN_SETTING = 'ingestTokenSha256';
const THRESHOLDS_SETTING = 'thresholds';

export { UnavailableError };

/** The INGEST_TOKEN from the environment (or generated at the first start). */
const BOOTSTRAP_SOURCE: SourceCredential = {
	id: 'INGEST_TOKEN',
	name: 'INGEST_TOKEN',
	secrets: [],
	requireSignature: false
};

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
	/**
	 * The data source a bearer token belongs to: the bootstrap INGEST_TOKEN or an active named
	 * source created by an admin; null for anything else.
	 */
	sourceFor(authorization: string | null): Promise<SourceCredential | null>;
	/** The wallboard's threshold bands (stored; defaults for what was never set). */
	thresholds(): Thresholds;
	/** Validated input over the defaults; stores it, pushes it to every screen, returns it. */
	setThresholds(input: ThresholdsInput): Promise<Thresholds>;
	/** Users, sessions, displays and ingest sources. */
	readonly accounts: Accounts;
	/** Cookies / bearer token → principal (people, displays, READ_TOKEN). */
	readonly authenticate: Authenticator;
	/** True while no account exists: the PII-free live figures are open (contract §1). */
	openReads(): Promise<boolean>;
	readonly limits: { login: Limiter; enrol: Limiter; ingest: Limiter };
	/** Cuts a display's or a session's sockets on every instance (revocation, logout). */
	disconnect(target: { displayId: string } | { sessionId: string }): void;
	/** Serves Socket.IO on the HTTP server that also serves the pages. */
	attach(httpServer: HttpServer): void;
	/** Starts background work that should only run once the server listens (the simulator). */
	startBackground(): void;
	/** Stops accepting, lets in-flight batches finish, closes sockets and the database. */
	close(): Promise<void>;
	/** Threshold alerts: list and acknowledge (alerts.ts). */
	readonly alerts: AlertService;
	/** For benchmarks and tests. */
	readonly internals: { metrics: Metrics; publisher: Publisher; store: EventStore };
}

export type AppOptions = { logger?: Logger; now?: () => number; migrationsFolder?: string };

const sha256 = (s: string) => createHash('sha256').update(s).digest();

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
	const accounts = createAccounts(store.db, now);
	if (config.admin.password) {
		try {
			const outcome = await accounts.ensureFirstAdmin(config.admin.username, config.admin.password);
			if (outcome === 'created') {
				logger.info(
					{ username: config.admin.username },
					'first admin account created from ADMIN_PASSWORD'
				);
			}
		} catch (err) {
			await store.close();
			throw err;
		}
	}
	const authenticate = createAuthenticator({
		accounts,
		readToken: config.readToken,
		sessionIdleMs: config.sessionIdleMs
	});
	// Rate limits count across instances through Redis (a connection of their own: the socket
	// adapter's blocks on stream reads).
	let limiterClient: ReturnType<typeof createClient> | undefined;
	if (config.redisUrl) {
		limiterClient = createClient({ url: config.redisUrl, disableOfflineQueue: true });
		limiterClient.on('error', (err: Error) =>
			logger.warn({ err: err.message }, 'redis error (rate limits)')
		);
		await limiterClient.connect();
	}
	const limiterBase = { redis: limiterClient, redisKeyPrefix: config.redisKeyPrefix };
	const limits = {
		login: createLimiter({
			...limiterBase,
			name: 'login',
			points: config.loginRateLimit,
			durationSeconds: 600
		}),
		enrol: createLimiter({
			...limiterBase,
			name: 'enrol',
			points: config.loginRateLimit,
			durationSeconds: 600
		}),
		ingest: createLimiter({
			...limiterBase,
			name: 'ingest',
			points: config.ingestRateLimit,
			durationSeconds: 1
		})
	};
	const sessionSweeper = setInterval(() => {
		accounts
			.deleteExpiredSessions()
			.catch((err: unknown) => logger.warn({ err }, 'deleting expired sessions failed'));
	}, 3600_000);
	let thresholds: Thresholds;
	try {
		thresholds = await loadThresholds(store, logger);
	} catch (err) {
		await store.close();
		throw err;
	}

	const live = createPublisher((t) => metrics.snapshot(t), now());
	// Supervision: alerts from the thresholds (every screen) and detail for the tablets watching.
	const alertService = createAlertService({
		db: store.db,
		logger,
		now,
		inputs: () => (eventLog.healthy() ? { snapshot: live.current(), thresholds } : null),
		onChange: (list) => supervision.broadcastAlerts(list)
	});
	const supervision = createSupervision({
		records: metrics.records,
		alerts: alertService,
		logger,
		now
	});
	alertService.start();
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
		supervision.tick(t);
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
			if (result.rejected.length > 0) {
				// Ids and error messages only: a rejected event's fields may hold personal data.
				logger.warn(
					{ count: result.rejected.length, first: result.rejected.slice(0, 5) },
					'events rejected'
				);
			}
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
		alerts: alertService,
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
		async sourceFor(authorization) {
			const token = bearerToken(authorization);
			if (token === null || token.length > 200) return null;
			if (matchesHash(token, ingestTokenHash)) return BOOTSTRAP_SOURCE;
			const source = await accounts.sourceByToken(token);
			if (source) {
				accounts
					.touchSource(source.id)
					.catch((err: unknown) =>
						logger.warn({ err }, 'recording a source last-used time failed')
					);
			}
			return source;
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
		accounts,
		authenticate,
		limits,
		openReads: async () => !(await accounts.hasAnyUser()),
		disconnect(target) {
			realtime?.disconnect(target);
		},
		attach(httpServer) {
			realtime = attachRealtime(httpServer, {
				adapter: socketAdapter,
				onRemoteThresholds: (next) => {
					thresholds = next;
				},
				current: () => live.current(),
				thresholds: () => thresholds,
				authenticate,
				openReads: () => app.openReads(),
				allowedOrigins: config.allowedOrigins,
				validSessions: (ids) => accounts.validSessionIds(ids),
				validDisplays: (ids) => accounts.validDisplayIds(ids),
				touchDisplays: (ids) => accounts.touchDisplays(ids),
				logger,
				onClientCount: (n) => telemetry.socketClients.set(n),
				onConnection: (socket, io) => supervision.connect(socket, io)
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
			clearInterval(sessionSweeper);
			for (const w of settleWaiters) w();
			settleWaiters = [];
			await alertService.close();
			await realtime?.close();
			await eventLog.close();
			await adapterClient?.quit().catch(() => {});
			await limiterClient?.quit().catch(() => {});
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
