/**
 * The event log: where accepted events go before the `200`, and where every instance learns of
 * them. One interface, two implementations: the single process writes straight to the database
 * (`createLocalLog`); several instances share a Redis stream (`createRedisLog`).
 */
import type { WallboardEvent } from '../../contract/events';

export interface EventLog {
	readonly kind: 'local' | 'redis';
	/**
	 * De-duplicates by id (across every instance) and makes the new events durable; resolves to
	 * the ids newly accepted. Throws when the log is unreachable: nothing was accepted then.
	 */
	append(events: readonly WallboardEvent[], receivedAt: number): Promise<Set<string>>;
	/**
	 * Replays what the database does not hold yet and from then on calls `onEvents` with events
	 * accepted by any instance (this one's included: applying an event twice changes nothing).
	 * Resolves once caught up with the log.
	 */
	start(onEvents: (events: WallboardEvent[]) => void): Promise<void>;
	/** False while the shared log is unreachable: this instance may be missing others' events. */
	healthy(): boolean;
	close(): Promise<void>;
}
