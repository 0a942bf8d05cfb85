/**
 * The ingest feature as the server runs it: the one ingest path (service.ts) and everything that
 * feeds it — the HTTP endpoints with their source credentials, the Asterisk queue_log follower,
 * FreeSWITCH over the event socket, the simulator — plus each source's health. `close()` stops
 * the sources first, then lets the batches in flight finish: nothing is half-ingested.
 */
import type { WallboardEvent } from '../../contract';
import type { Accounts } from '../accounts';
import type { Limiter } from '../auth/rate-limit';
import type { Config } from '../config';
import type { EventStore } from '../db/store';
import type { EventLog } from '../log/event-log';
import type { Logger } from '../logger';
import type { Telemetry } from '../telemetry';
import { startFreeswitch } from './freeswitch';
import { handleIngestRequest, type IngestHttpDeps } from './http';
import { handleQueueLogRequest, sendAsQueueLog } from './queue-log';
import { followQueueLog } from './queue-log-follower';
import { createIngestService, type IngestResult } from './service';
import { startSimulator, type SimulatorDriver } from './simulator-driver';
import { createSourceHealth, type SourceHealth } from './source-health';
import { createSources } from './sources';

export interface IngestFeature {
	ingest(items: readonly unknown[]): Promise<IngestResult>;
	/** `POST /api/v1/events`. */
	eventsRequest(request: Request): Promise<Response>;
	/** `POST /api/v1/adapters/asterisk/queue-log`. */
	queueLogRequest(request: Request): Promise<Response>;
	readonly health: SourceHealth;
	/**
	 * Starts the simulator when configured (once the server listens); resolves once it has
	 * replayed the day so far and follows the clock (at once without a simulator).
	 */
	startSimulator(): Promise<void>;
	/**
	 * True while a source replays the past (the simulator's day so far): figures then move
	 * through states that were never live, and alerts wait (server/alerts).
	 */
	replaying(): boolean;
	close(): Promise<void>;
}

export async function openIngestFeature(deps: {
	config: Config;
	store: EventStore;
	log: EventLog;
	/** Called with the newly stored events, once they are durable (the live engine). */
	apply(events: readonly WallboardEvent[]): void;
	accounts: Accounts;
	limiter: Limiter;
	telemetry: Telemetry;
	logger: Logger;
	now: () => number;
}): Promise<IngestFeature> {
	const { config, store, telemetry, logger, now } = deps;
	const sources = await createSources({
		ingestToken: config.ingestToken,
		store,
		accounts: deps.accounts,
		logger,
		now
	});
	const service = createIngestService({ log: deps.log, apply: deps.apply, telemetry, logger, now });
	const health = createSourceHealth({ now, staleMs: config.sourceStaleMs });
	telemetry.observeSources(() => health.list());
	const http: IngestHttpDeps = {
		sources,
		ingest: service,
		limiter: deps.limiter,
		bodyLimitBytes: config.ingestBodyLimitBytes,
		telemetry,
		logger,
		health
	};
	const feeds: Array<{ close(): Promise<void> | void }> = [];
	if (config.freeswitch) {
		const { host, port } = config.freeswitch;
		feeds.push(
			startFreeswitch({
				...config.freeswitch,
				ingest: (items) => service.ingest(items),
				health: health.source('freeswitch-esl', {
					kind: 'freeswitch-esl',
					name: `FreeSWITCH ${host}:${port}`
				}),
				logger
			})
		);
	}
	if (config.asteriskQueueLog) {
		feeds.push(
			followQueueLog({ file: config.asteriskQueueLog, store, ingest: service, logger, health })
		);
	}
	let simulator: SimulatorDriver | undefined;
	let closing: Promise<void> | undefined;

	return {
		ingest: (items) => service.ingest(items),
		eventsRequest: (request) => handleIngestRequest(http, request),
		queueLogRequest: (request) => handleQueueLogRequest(http, request),
		health,
		replaying: () => simulator?.replaying() ?? false,
		startSimulator() {
			if (!config.simulate.enabled || closing) return Promise.resolve();
			if (simulator) return simulator.caughtUp;
			simulator = startSimulator({
				...config.simulate,
				timezone: config.timezone,
				now,
				logger,
				send: (events) =>
					config.simulate.format === 'queue-log'
						? sendAsQueueLog(service, events)
						: service.ingest(events)
			});
			return simulator.caughtUp;
		},
		close() {
			closing ??= (async () => {
				await simulator?.stop();
				for (const feed of feeds) await feed.close();
				await service.close();
				health.close();
			})();
			return closing;
		}
	};
}
