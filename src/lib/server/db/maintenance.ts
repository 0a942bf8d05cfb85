/**
 * The database's upkeep while the server runs: `npm run backup` (SIGUSR2, a consistent copy of
 * the PGlite folder, backup.ts) and retention (raw events past EVENTS_RETENTION_DAYS leave the
 * hot table; the rollups stay, retention.ts). One `close()` stops both.
 */
import type { Config } from '../config';
import type { Logger } from '../logger';
import { listenForBackups } from './backup';
import type { Database } from './connect';
import { createRetention } from './retention';

export function createMaintenance(o: {
	database: Database;
	config: Pick<Config, 'dataDir' | 'eventsRetentionDays'>;
	logger: Logger;
	now: () => number;
}): { close(): Promise<void> } {
	const { database, logger, now } = o;
	const { dataDir } = o.config;
	const backups = listenForBackups({ database, dataDir, logger, now });
	const retention = createRetention({
		db: database.db,
		kind: database.kind,
		retentionDays: o.config.eventsRetentionDays,
		dataDir,
		logger,
		now
	});
	return {
		async close() {
			await retention.close();
			backups.close();
		}
	};
}
