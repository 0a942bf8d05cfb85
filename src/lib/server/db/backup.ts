/**
 * Backups of the embedded database while the server runs: `npm run backup` sends the server
 * SIGUSR2 (its pid is in the folder's lock file), and the server writes a consistent copy of the
 * PGlite folder (PGlite's `dumpDataDir`, a gzipped tar) to `<DATA_DIR>.backups/`, through a
 * temporary file renamed into place, so a backup file is complete or absent. PostgreSQL is backed
 * up with `pg_dump` (README, "Operations").
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './connect';

/**
 * Where backups go: `<DATA_DIR>.backups`, beside the data folder, not in it (a copy of the folder
 * would otherwise hold every earlier backup).
 */
export function backupFolder(dataDir: string): string {
	return `${path.resolve(dataDir)}.backups`;
}

/** Writes one backup; resolves to its path. */
export async function writeBackup(
	database: Database,
	dataDir: string,
	now: number
): Promise<string> {
	if (!database.dump) throw new Error('backups through the server are for PGlite; use pg_dump');
	const dir = backupFolder(dataDir);
	await mkdir(dir, { recursive: true });
	const name = `wallboard-${new Date(now).toISOString().replace(/[:.]/g, '-')}.tar.gz`;
	const blob = await database.dump();
	const tmp = path.join(dir, `.${name}.partial`);
	await writeFile(tmp, Buffer.from(await blob.arrayBuffer()), { flush: true });
	const file = path.join(dir, name);
	await rename(tmp, file);
	return file;
}

/** SIGUSR2 → a backup (PGlite only); `close()` removes the handler. */
export function listenForBackups(o: {
	database: Database;
	dataDir: string;
	logger: { info(o: object, msg?: string): void; error(o: object, msg?: string): void };
	now: () => number;
}): { close(): void } {
	if (o.database.kind !== 'pglite') return { close() {} };
	let running: Promise<void> | undefined;
	const onSignal = () => {
		running ??= (async () => {
			const started = Date.now();
			try {
				const file = await writeBackup(o.database, o.dataDir, o.now());
				o.logger.info({ file, ms: Date.now() - started }, 'backup written');
			} catch (err) {
				o.logger.error({ err: String(err) }, 'backup failed');
			} finally {
				running = undefined;
			}
		})();
	};
	process.on('SIGUSR2', onSignal);
	return { close: () => void process.off('SIGUSR2', onSignal) };
}
