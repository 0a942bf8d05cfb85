/**
 * The event log: where accepted events go before the `200`, and where every instance learns of
 * them. One interface, two implementations: the single process writes straight to the database
 * (`createLocalLog`); several instances write to PostgreSQL and fan out through a Redis stream
 * (`createRedisLog`).
 */
import type { WallboardEvent } from '../../contract/events';
import type { AppendExtra } from '../db/store';

export type LogHandlers = {
	/** Events accepted by any instance (this one's included: applying one twice changes nothing). */
	onEvents(events: WallboardEvent[]): void;
	/**
	 * Brings the live state up to what the database holds (every event the live window needs).
	 * Called once at start, and again whenever the log finds it may have missed events.
	 */
	resync(): Promise<void>;
};

export interface EventLog {
	readonly kind: 'local' | 'redis';
	/**
	 * De-duplicates by id (across every instance) and makes the new events durable in the
	 * database; resolves to the ids newly accepted. Throws when the events could not be stored or
	 * announced: the sender re-sends (ids already stored are then duplicates). `extra.position` is
	 * stored in the events' own transaction.
	 */
	append(
		events: readonly WallboardEvent[],
		receivedAt: number,
		extra?: AppendExtra
	): Promise<Set<string>>;
	/**
	 * Restores (`handlers.resync`) and from then on calls `handlers.onEvents` with events accepted
	 * by any instance. Resolves once the live state is restored.
	 */
	start(handlers: LogHandlers): Promise<void>;
	/**
	 * False while this instance may be missing others' events (the shared log unreachable, or a
	 * resynchronisation under way): no pushes then, so screens show the moment as stale.
	 */
	healthy(): boolean;
	close(): Promise<void>;
}
