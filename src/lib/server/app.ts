/**
 * The composition root: the table of contents of the server. Each step opens one feature and
 * hands it to the lifecycle (lifecycle.ts), so a start that fails midway and a shutdown close
 * exactly what was opened, newest first. The features live in their own folders; nothing here
 * holds business logic. What the result offers the routes is `App` (app-types.ts).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { MetricsConfig } from '../metrics';
import { evaluateAgentBreaches } from '../metrics/alerts';
import type { App, AppOptions } from './app-types';
import type { Config } from './config';
import { createLifecycle } from './lifecycle';
import { createLogger } from './logger';
import { createTelemetry } from './telemetry';
import { openDatabase } from './db/connect';
import { createRetention } from './db/retention';
import { listenForBackups } from './db/backup';
import { createEventStore } from './db/store';
import { createLocalLog } from './log/local-log';
import { createRedisLog } from './log/redis-log';
import { connectRedisClients } from './redis-clients';
import { createLive } from './live';
import { openAccountsFeature } from './accounts/feature';
import { openIngestFeature } from './ingest/feature';
import { createThresholds } from './thresholds';
import { createAlertService } from './alerts';
import { createSupervision } from './realtime/supervision';
import { attachRealtime, type Realtime } from './realtime/attach';
import { createHistory } from './history';
import { createTicketTimelines } from './tickets';
import { createAssessment } from './assessment';
import { createAudit } from './audit';
import { createSurgeWatch } from './surge';
import { createBoards } from './boards';
import { connectScreen } from './boards/socket';

export type { App, AppOptions };

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
	const logger = options.logger ?? createLogger(config.logLevel);
	const now = options.now ?? Date.now;
	const rules = metricsConfigOf(config);
	const life = createLifecycle(logger);
	const { databaseUrl, dataDir } = config;
	let closing = false;

	return life.start(async () => {
		const startedAt = now();
		const telemetry = createTelemetry();
		// Storage, the log every instance shares, then the live state restored through it.
		const database = life.own(
			'database',
			await openDatabase({
				databaseUrl,
				dataDir,
				migrationsFolder: options.migrationsFolder,
				logger
			})
		);
		const store = createEventStore(database, rules);
		const live = life.own('live', createLive({ rules, now, telemetry }));
		const log = life.own(
			'event log',
			config.redisUrl
				? await createRedisLog({
						url: config.redisUrl,
						prefix: config.redisKeyPrefix,
						instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
						store,
						logger
					})
				: createLocalLog(store)
		);
		// The live state restored from the database; from then on, events accepted by any instance
		// reach this engine, and the log restores again by itself when it may have missed some
		// (the Redis log's fan-out lost). Applying an event twice changes nothing.
		let restored = 0;
		await log.start({
			onEvents: (shared) => live.apply(shared),
			resync: async () => void (restored = await live.restore(store))
		});
		live.start({ healthy: () => log.healthy() });
		logger.info(
			{ events: restored, ms: now() - startedAt, backend: database.kind, log: log.kind },
			'live state restored'
		);
		// `npm run backup` (SIGUSR2): a consistent copy of the PGlite folder while running.
		life.own('backups', listenForBackups({ database, dataDir, logger, now }));
		// Raw events past EVENTS_RETENTION_DAYS leave the hot table (the rollups stay).
		life.own(
			'retention',
			createRetention({
				db: database.db,
				kind: database.kind,
				retentionDays: config.eventsRetentionDays,
				dataDir,
				logger,
				now
			})
		);
		const redis = config.redisUrl
			? life.own(
					'redis clients',
					await connectRedisClients({
						url: config.redisUrl,
						keyPrefix: config.redisKeyPrefix,
						logger
					})
				)
			: undefined;

		// People, screens and sources; thresholds and the alerts raised from them.
		const people = life.own(
			'accounts',
			await openAccountsFeature({ database, config, redis: redis?.limiter, logger, now })
		);
		const { accounts, authenticate, limits } = people;
		// Who changed what: thresholds, users, displays, sources (and boards, screens).
		const audit = life.own(
			'audit',
			createAudit({ db: database.db, now, logger, timezone: config.timezone })
		);
		const thresholds = await createThresholds({ store, logger, audit });
		const surges = life.own(
			'surge watch',
			createSurgeWatch({
				db: database.db,
				timezone: config.timezone,
				now,
				logger,
				intervalMs: config.surgeScanMs,
				onChange: () => live.changed()
			})
		);
		live.extend((snapshot) => surges.extend(snapshot));
		let replaying = () => false;
		const alerts = life.own(
			'alerts',
			createAlertService({
				db: database.db,
				logger,
				now,
				// Not while the log is behind or a source replays the day (restart, demo start).
				inputs: () =>
					log.healthy() && !replaying()
						? { snapshot: live.current(), thresholds: thresholds.current() }
						: null,
				holds: config.alertHolds,
				escalateMs: config.alertEscalateMs,
				agentBreaches: (bands, t) => evaluateAgentBreaches(live.metrics.records.agents(), bands, t),
				onChange: (list) => supervision.broadcastAlerts(list),
				surgeBreaches: () => surges.breaches()
			})
		);
		const supervision = createSupervision({
			records: live.metrics.records,
			agentDay: live.agentDay,
			alerts,
			logger,
			now
		});
		live.onTick((t) => supervision.tick(t));
		alerts.start();
		surges.start();

		// Boards, playlists and what each screen shows; changes are pushed once realtime is attached.
		const boards = life.own(
			'boards',
			createBoards({
				db: database.db,
				now,
				logger,
				redis: redis?.limiter,
				redisKeyPrefix: config.redisKeyPrefix
			})
		);

		// Everything that brings events in.
		const ingest = life.own(
			'ingest',
			await openIngestFeature({
				config,
				store,
				log,
				apply: live.apply,
				accounts,
				limiter: limits.ingest,
				telemetry,
				logger,
				now
			})
		);

		replaying = () => ingest.replaying();

		let realtime: Realtime | undefined;
		const app: App = {
			config,
			logger,
			telemetry,
			ingest: (items) => ingest.ingest(items),
			ingestRequest: (request) => ingest.eventsRequest(request),
			queueLogRequest: (request) => ingest.queueLogRequest(request),
			snapshot: () => (log.healthy() ? live.snapshot() : Promise.resolve(live.current())),
			ready: async () =>
				!closing &&
				(await database.ping().then(
					() => log.healthy(),
					() => false
				)),
			thresholds,
			accounts,
			audit,
			authenticate,
			openReads: async () => !(await accounts.hasAnyUser()),
			limits,
			alerts,
			history: createHistory(database.db, config, () => thresholds.current()),
			assessment: createAssessment({ db: database.db, store, timezone: config.timezone, logger }),
			tickets: createTicketTimelines(database.db, config.dispatchDeadlineMs),
			sourceHealth: ingest.health,
			surges,
			boards,
			disconnect: (target) => realtime?.disconnect(target),
			attach(httpServer) {
				realtime = life.own(
					'realtime',
					attachRealtime(httpServer, {
						adapter: redis?.socketAdapter(),
						onRemoteThresholds: (next) => thresholds.adopt(next),
						current: () => live.current(),
						thresholds: () => thresholds.current(),
						authenticate,
						openReads: () => app.openReads(),
						allowedOrigins: config.allowedOrigins,
						validSessions: (ids) => accounts.validSessionIds(ids),
						validDisplays: (ids) => accounts.validDisplayIds(ids),
						touchDisplays: (ids) => accounts.touchDisplays(ids),
						logger,
						sources: () => ({ stale: ingest.health.stale() }),
						onClientCount: (n) => telemetry.socketClients.set(n),
						onConnection: (socket, io) => {
							supervision.connect(socket, io);
							connectScreen(socket, boards, logger);
						}
					})
				);
				boards.onChange((change) => realtime?.broadcastBoards(change));
				boards.onScreen((displayId, assignment) => realtime?.sendScreen(displayId, assignment));
				live.onPatch((message) => realtime?.broadcast(message));
				thresholds.onChange((next) => realtime?.broadcastThresholds(next));
				ingest.health.onStaleChange((stale) => realtime?.broadcastSources({ stale }));
			},
			startBackground: () => (closing ? Promise.resolve() : ingest.startSimulator()),
			async close() {
				closing = true;
				// Sources first, then what they feed: nothing is half-ingested at shutdown.
				await ingest.close();
				await life.close();
				logger.info('closed');
			}
		};
		return app;
	});
}

/** The metrics rules of the configuration: the live engine's and the history rollups'. */
export function metricsConfigOf(config: Config): MetricsConfig {
	return {
		timezone: config.timezone,
		serviceLevelTargetMs: config.serviceLevelTargetMs,
		serviceLevelTargetByQueueMs: config.serviceLevelTargetByQueueMs,
		dispatchDeadlineMs: config.dispatchDeadlineMs,
		serviceLevelGoal: config.serviceLevelGoal
	};
}
