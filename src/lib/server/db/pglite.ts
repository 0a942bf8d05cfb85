/** Embedded PGlite backend: one process per data folder, guarded by a lock file. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createDrizzleStore } from './drizzle-store';
import type { HistoryRules } from './history';
import { acquireFolderLock } from './lock';
import type { EventStore, StoreLogger } from './store';

export async function openPgliteStore(options: {
	dataDir: string;
	migrationsFolder: string;
	logger: StoreLogger;
	history?: HistoryRules;
}): Promise<EventStore> {
	const { migrationsFolder, logger } = options;
	const dataDir = path.resolve(options.dataDir);
	await mkdir(dataDir, { recursive: true }); // PGlite fails with ENOENT on a missing parent
	const lock = acquireFolderLock(dataDir, logger);
	let client: PGlite | undefined;
	try {
		const started = performance.now();
		// relaxedDurability stays false: every query waits for PGlite's filesystem sync, so a
		// resolved append has reached the files (NODEFS writes synchronously to the OS).
		client = await PGlite.create({ dataDir, relaxedDurability: false });
		const db = drizzle({ client, casing: 'snake_case' });
		await migrate(db, { migrationsFolder });
		logger.info(
			{ backend: 'pglite', dataDir, ms: Math.round(performance.now() - started) },
			'event store open, migrations applied'
		);
		const opened = client;
		return createDrizzleStore(
			'pglite',
			db,
			async () => {
				try {
					await opened.close();
				} finally {
					lock.release();
				}
			},
			options.history
		);
	} catch (error) {
		await client?.close().catch(() => {});
		lock.release();
		throw error;
	}
}
