/**
 * The event store: accepted events (idempotent by id) and server settings, on embedded PGlite
 * (one process, `DATA_DIR`) or PostgreSQL (`DATABASE_URL`, any number of instances).
 * Imported by SvelteKit, the production entry and a Vite plugin: relative imports only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WallboardEvent } from '../../contract/events';
import type { LiveHorizons } from './restore';
import type { StoreDatabase } from './drizzle-store';
import type { HistoryRules } from './history';

export type { LiveHorizons } from './restore';

export interface EventStore {
	readonly kind: 'pglite' | 'postgres';
	/** The drizzle handle, for the other data-access modules (accounts, history) on this database. */
	readonly db: StoreDatabase;
	/**
	 * Inserts the events whose id is not stored yet, in one transaction. Resolves to the ids
	 * newly inserted, once they are durable; ids already stored (or repeated in the batch) are
	 * left out.
	 */
	append(events: readonly WallboardEvent[], receivedAt: number): Promise<Set<string>>;
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

export interface StoreLogger {
	info(o: object, msg?: string): void;
	warn(o: object, msg?: string): void;
}

export interface OpenStoreOptions {
	/** `postgres://…` → PostgreSQL; unset or empty → PGlite in `dataDir`. */
	databaseUrl?: string;
	dataDir: string;
	/** Folder written by drizzle-kit generate; default `<cwd>/drizzle`, then `<repo>/drizzle`. */
	migrationsFolder?: string;
	logger?: StoreLogger;
	/** The rules the history rollups are kept by (the metrics config); defaults when absent. */
	history?: HistoryRules;
}

const silentLogger: StoreLogger = { info() {}, warn() {} };

/**
 * Opens the store and applies pending migrations (4–6 s on a fresh PGlite folder): call it
 * before the server listens.
 */
export async function openStore(options: OpenStoreOptions): Promise<EventStore> {
	const logger = options.logger ?? silentLogger;
	const migrationsFolder = resolveMigrationsFolder(options.migrationsFolder);
	if (options.databaseUrl) {
		const { openPostgresStore } = await import('./postgres');
		return openPostgresStore({
			databaseUrl: options.databaseUrl,
			migrationsFolder,
			logger,
			history: options.history
		});
	}
	const { openPgliteStore } = await import('./pglite');
	return openPgliteStore({
		dataDir: options.dataDir,
		migrationsFolder,
		logger,
		history: options.history
	});
}

/**
 * An explicit folder, else `<cwd>/drizzle` (production entry and scripts run from the repo
 * root), else the repo's `drizzle/` found from this file (source runs from another cwd).
 */
export function resolveMigrationsFolder(explicit?: string): string {
	const candidates = explicit ? [path.resolve(explicit)] : defaultMigrationFolders();
	for (const folder of candidates) {
		if (fs.existsSync(path.join(folder, 'meta', '_journal.json'))) return folder;
	}
	throw new Error(
		`drizzle migrations not found: no meta/_journal.json in ${candidates.join(' or ')}. ` +
			'Start the server from the repository root or pass migrationsFolder.'
	);
}

function defaultMigrationFolders(): string[] {
	const folders = [path.resolve(process.cwd(), 'drizzle')];
	try {
		folders.push(fileURLToPath(new URL('../../../../drizzle', import.meta.url)));
	} catch {
		// not a file: URL (bundled); the cwd candidate is the one that counts
	}
	return [...new Set(folders)];
}
