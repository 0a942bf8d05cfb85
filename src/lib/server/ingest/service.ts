/**
 * The ingest feature: every source (HTTP, the simulator, adapters, benchmarks) hands its items to
 * `ingest()`, which validates them, makes the new ones durable in the event log and applies them
 * to the live state. Concurrent batches share one write (group-commit.ts). `close()` refuses new
 * batches and waits for those in flight.
 */
import type { WallboardEvent } from '../../contract/events';
import type { AppendExtra } from '../db/store';
import { UnavailableError } from '../errors';
import type { EventLog } from '../log/event-log';
import type { Logger } from '../logger';
import type { Telemetry } from '../telemetry';
import { createGroupCommit } from './group-commit';
import { ingest as ingestBatch, type IngestResult } from './ingest';

export type { IngestResult };

export type IngestServiceDeps = {
	log: EventLog;
	/** Called with the newly stored events, once they are durable. */
	apply(events: readonly WallboardEvent[]): void;
	telemetry: Telemetry;
	logger: Logger;
	now: () => number;
};

export interface IngestService {
	/**
	 * Validates, de-duplicates, stores durably, applies. Throws UnavailableError when storage
	 * fails. `extra` (a followed file's position) is stored with the events.
	 */
	ingest(items: readonly unknown[], extra?: AppendExtra): Promise<IngestResult>;
	close(): Promise<void>;
}

export function createIngestService(deps: IngestServiceDeps): IngestService {
	const { log, telemetry, logger, now } = deps;
	const inFlight = new Set<Promise<unknown>>();
	let closing = false;

	// Logged once per write: a failed group answers each of its requests with the same 503.
	const group = createGroupCommit(async (events, receivedAt) => {
		telemetry.ingestWrites.inc();
		try {
			return await log.append(events, receivedAt);
		} catch (err) {
			logger.error({ err, events: events.length, log: log.kind }, 'storing events failed');
			throw err;
		}
	});

	/**
	 * An append that carries a follower's position (`extra`) is written on its own, so the position
	 * is stored in the transaction of exactly its events; the follower sends one batch at a time.
	 */
	async function append(
		events: readonly WallboardEvent[],
		receivedAt: number,
		extra?: AppendExtra
	) {
		try {
			if (extra === undefined) return await group.append(events, receivedAt);
			telemetry.ingestWrites.inc();
			return await log.append(events, receivedAt, extra);
		} catch (err) {
			if (extra !== undefined) {
				logger.error({ err, events: events.length, log: log.kind }, 'storing events failed');
			}
			throw new UnavailableError(
				log.kind === 'redis'
					? 'the shared event log or the database is unavailable; nothing was accepted, retry later'
					: 'the database is unavailable; nothing was accepted, retry later'
			);
		}
	}

	return {
		async ingest(items, extra) {
			if (closing) throw new UnavailableError('the server is shutting down');
			const end = telemetry.ingestSeconds.startTimer();
			const work = ingestBatch({ append, apply: deps.apply }, items, now(), extra);
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
		},
		async close() {
			closing = true;
			await Promise.allSettled([...inFlight]);
		}
	};
}
