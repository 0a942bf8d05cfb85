/**
 * The composition root: the table of contents of the server. Each step opens one feature and
 * hands it to the lifecycle (lifecycle.ts), so a start that fails midway and a shutdown close
 * exactly what was opened, newest first. The features live in their own folders; nothing here
 * holds business logic. What the result offers the routes is `App` (app-types.ts).
 */
import type { App, AppOptions } from './app-types';
import { metricsConfigOf, type Config } from './config';
import { createLifecycle } from './lifecycle';
import { createLogger } from './logger';
import { createTelemetry } from './telemetry';
import { openDatabase } from './db/connect';
import { createMaintenance } from './db/maintenance';
import { createEventStore } from './db/store';
import { openEventLog } from './log/open';
import { connectRedisClients } from './redis-clients';
import { createLive } from './live';
import { openAccountsFeature } from './accounts/feature';
import { openIngestFeature } from './ingest/feature';
import { createThresholds } from './thresholds';
import { openAlertsFeature } from './alerts/feature';
import type { Realtime } from './realtime/attach';
import { wireRealtime } from './realtime/wire';
import { createHistory } from './history';
import { createTicketTimelines } from './tickets';
import { createAssessment } from './assessment';
import { createAudit } from './audit';
import { createSurgeWatch } from './surge';
import { createBoards } from './boards';

export type { App, AppOptions };

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
	const logger = options.logger ?? createLogger(config.logLevel);
	const now = options.now ?? Date.now;
	const rules = metricsConfigOf(config);
	const { timezone, redisUrl, redisKeyPrefix: keyPrefix } = config;
	const life = createLifecycle(logger);
	let closing = false;

	return life.start(async () => {
		const startedAt = now();
		const telemetry = createTelemetry();
		// Storage, the log every instance shares, then the live state restored through it: from
		// then on, events accepted by any instance reach this engine, and the log restores again
		// by itself when it may have missed some. Applying an event twice changes nothing.
		const { databaseUrl, dataDir } = config;
		const migrationsFolder = options.migrationsFolder;
		const database = life.own(
			'database',
			await openDatabase({ databaseUrl, dataDir, migrationsFolder, logger })
		);
		const { db } = database;
		const store = createEventStore(database, rules);
		const live = life.own('live', createLive({ rules, now, telemetry }));
		const log = life.own('event log', await openEventLog({ config, store, logger }));
		let restored = 0;
		await log.start({
			onEvents: (e) => live.apply(e),
			resync: async () => void (restored = await live.restore(store))
		});
		live.start({ healthy: () => log.healthy() });
		const ms = now() - startedAt;
		logger.info(
			{ events: restored, ms, backend: database.kind, log: log.kind },
			'live state restored'
		);
		life.own('maintenance', createMaintenance({ database, config, logger, now })); // backups, retention
		const redis = redisUrl
			? life.own('redis clients', await connectRedisClients({ url: redisUrl, keyPrefix, logger }))
			: undefined;

		// People, screens and sources; who changed what; thresholds and the alerts raised from them.
		const people = life.own(
			'accounts',
			await openAccountsFeature({ database, config, redis: redis?.limiter, logger, now })
		);
		const { accounts, authenticate, limits } = people;
		const audit = life.own('audit', createAudit({ db, now, logger, timezone }));
		const thresholds = await createThresholds({ store, logger, audit });
		const onChange = () => live.changed();
		const surges = life.own(
			'surge watch',
			createSurgeWatch({ db, timezone, now, logger, intervalMs: config.surgeScanMs, onChange })
		);
		live.extend((snapshot) => surges.extend(snapshot));
		let replaying = () => false;
		const watch = life.own(
			'alerts',
			openAlertsFeature({
				db,
				config,
				logger,
				now,
				live,
				log,
				thresholds,
				surges,
				replaying: () => replaying()
			})
		);
		const { alerts, supervision } = watch;
		surges.start();

		// Boards, playlists and what each screen shows; then everything that brings events in.
		const boards = life.own(
			'boards',
			createBoards({ db, now, logger, redis: redis?.limiter, redisKeyPrefix: keyPrefix })
		);
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
			history: createHistory(db, config, () => thresholds.current()),
			assessment: createAssessment({ db, store, timezone, logger }),
			tickets: createTicketTimelines(db, config.dispatchDeadlineMs),
			sourceHealth: ingest.health,
			surges,
			boards,
			disconnect: (target) => realtime?.disconnect(target),
			attach(httpServer) {
				const parts = {
					config,
					logger,
					telemetry,
					redis,
					live,
					thresholds,
					accounts,
					authenticate,
					supervision,
					boards
				};
				const openReads = () => app.openReads();
				realtime = life.own(
					'realtime',
					wireRealtime(httpServer, { ...parts, openReads, sourceHealth: ingest.health })
				);
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
