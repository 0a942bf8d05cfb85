import type { EventStore } from '../db/store';
import type { EventLog } from './event-log';

/** Single process: the database's unique id is the de-duplication, its commit the durability. */
export function createLocalLog(store: EventStore): EventLog {
	return {
		kind: 'local',
		append: (events, receivedAt, extra) => store.append(events, receivedAt, extra),
		start: (handlers) => handlers.resync(),
		healthy: () => true,
		close: async () => {}
	};
}
