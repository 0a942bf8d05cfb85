/** Embedded PGlite backend: one process per data folder, guarded by a lock file. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Database, DatabaseLogger } from './connect';
import { acquireFolderLock } from './lock';

export async function openPglite(options: {
	dataDir: string;
	migrationsFolder: string;
	logger: DatabaseLogger;
}): Promise<Database> {
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
		let closing: Promise<void> | undefined;
		return {
			kind: 'pglite',
			db,
			async ping() {
				if (closing) throw new Error('the database is closed');
				await opened.query('select 1');
			},
			async dump() {
				if (closing) throw new Error('the database is closed');
				// Inside a transaction: no other transaction is half-way while the files are read;
				// the checkpoint writes every committed page to them first.
				let blob: Blob | undefined;
				await opened.transaction(async (tx) => {
					await tx.exec('checkpoint');
					blob = await opened.dumpDataDir('gzip');
				});
				return blob!;
			},
			close() {
				closing ??= opened.close().finally(() => lock.release());
				return closing;
			}
		};
	} catch (error) {
		await client?.close().catch(() => {});
		lock.release();
		throw error;
	}
}
