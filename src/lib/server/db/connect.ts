/**
 * Opens the database: embedded PGlite (one process, `DATA_DIR`, guarded by a lock file) or
 * PostgreSQL (`DATABASE_URL`, any number of instances), with pending migrations applied (4–6 s on
 * a fresh PGlite folder: call it before the server listens). The features that own tables (the
 * event store, accounts, alerts, history) receive the handle from the composition root; routes
 * never do.
 * Imported by SvelteKit, the production entry and a Vite plugin: relative imports only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreDatabase } from './drizzle-store';

export interface Database {
	readonly kind: 'pglite' | 'postgres';
	/** The drizzle handle, for the features that own their queries. */
	readonly db: StoreDatabase;
	/** Throws when the database is unreachable or closed. */
	ping(): Promise<void>;
	/**
	 * PGlite only: a consistent copy of the whole data folder (a gzipped tar, what
	 * `PGlite.create({loadDataDir})` reads), taken while no other transaction runs.
	 */
	dump?(): Promise<Blob>;
	/** Idempotent; releases the PGlite lock file. */
	close(): Promise<void>;
}

export interface DatabaseLogger {
	info(o: object, msg?: string): void;
	warn(o: object, msg?: string): void;
}

export interface OpenDatabaseOptions {
	/** `postgres://…` → PostgreSQL; unset or empty → PGlite in `dataDir`. */
	databaseUrl?: string;
	dataDir: string;
	/** Folder written by drizzle-kit generate; default `<cwd>/drizzle`, then `<repo>/drizzle`. */
	migrationsFolder?: string;
	logger?: DatabaseLogger;
}

const silentLogger: DatabaseLogger = { info() {}, warn() {} };

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
	const logger = options.logger ?? silentLogger;
	const migrationsFolder = resolveMigrationsFolder(options.migrationsFolder);
	if (options.databaseUrl) {
		const { openPostgres } = await import('./postgres');
		return openPostgres({ databaseUrl: options.databaseUrl, migrationsFolder, logger });
	}
	const { openPglite } = await import('./pglite');
	return openPglite({ dataDir: options.dataDir, migrationsFolder, logger });
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
