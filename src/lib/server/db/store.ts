/**
 * The event store: accepted events (idempotent by id) and server settings, on the database
 * opened by connect.ts (embedded PGlite or PostgreSQL).
 * Imported by SvelteKit, the production entry and a Vite plugin: relative imports only.
 */
import type { WallboardEvent } from '../../contract/events';
import type { MetricsConfig } from '../../metrics/config';
import { openDatabase, type Database, type OpenDatabaseOptions } from './connect';
import { createDrizzleStore, type StoreDatabase } from './drizzle-store';
import type { LiveHorizons } from './restore';

export type { LiveHorizons } from './restore';

/** Where a followed source stopped (positions-schema.ts). */
export type SourcePosition = {
	source: string;
	device: string;
	inode: string;
	offset: number;
	tailSha256: string;
	tailLength: number;
};

/** What else an append writes in its transaction. */
export type AppendExtra = {
	/** The position reached by the events of this append: stored in the same transaction. */
	position?: SourcePosition;
};

export interface EventStore {
	readonly kind: 'pglite' | 'postgres';
	/**
	 * Inserts the events whose id is not stored yet, in one transaction. Resolves to the ids
	 * newly inserted, once they are durable; ids already stored (or repeated in the batch) are
	 * left out. `extra.position` is stored in the same transaction (also with no events).
	 */
	append(
		events: readonly WallboardEvent[],
		receivedAt: number,
		extra?: AppendExtra
	): Promise<Set<string>>;
	/** A followed source's stored position, or null. */
	getPosition(source: string): Promise<SourcePosition | null>;
	/** Stores a position on its own (upsert). */
	setPosition(position: SourcePosition): Promise<void>;
	/**
	 * Every stored event the live metrics can still need at `now` (the six rules of
	 * `liveEventsQuery`), each once, in no particular order (metrics are order-independent).
	 */
	loadLive(now: number, horizons: LiveHorizons): Promise<WallboardEvent[]>;
	countEvents(): Promise<number>;
	/** Which of these event ids are stored already. */
	existingIds(ids: readonly string[]): Promise<Set<string>>;
	/** Throws when the database is unreachable. */
	ping(): Promise<void>;
	/** The stored value, or undefined when the key is absent. */
	getSetting(key: string): Promise<unknown | undefined>;
	/** Stores value unless the key exists; returns true when it stored it. */
	setSettingIfAbsent(key: string, value: unknown): Promise<boolean>;
	/** Stores value, replacing what the key held (upsert). */
	setSetting(key: string, value: unknown): Promise<void>;
	/** Idempotent; releases the PGlite lock file. */
	close(): Promise<void>;
}

export type { Database, DatabaseLogger as StoreLogger } from './connect';
export { resolveMigrationsFolder } from './connect';

/** The event store on an open database; it does not own (nor close) the database. */
export function createEventStore(database: Database, rules?: MetricsConfig): EventStore {
	return createDrizzleStore(database.kind, database.db, async () => {}, rules);
}

/** For scripts and tests: a database of its own with the store on it; `close()` closes both. */
export type OpenedStore = EventStore & { readonly db: StoreDatabase };

/** Opens the database (migrations applied) and the store on it. */
export type OpenStoreOptions = OpenDatabaseOptions & {
	/** The rules the history rollups are kept by (the metrics config); defaults when absent. */
	history?: MetricsConfig;
};

export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
	const database = await openDatabase(options);
	const store = createDrizzleStore(
		database.kind,
		database.db,
		() => database.close(),
		options.history
	);
	return Object.assign(store, { db: database.db });
}
