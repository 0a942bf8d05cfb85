/** PostgreSQL backend (node-postgres pool): several instances may share the database. */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database, DatabaseLogger } from './connect';

/** pg_advisory_lock key held while migrating, so two instances starting together take turns. */
export const MIGRATION_LOCK_KEY = '7277016571532046336';

export async function openPostgres(options: {
	databaseUrl: string;
	migrationsFolder: string;
	logger: DatabaseLogger;
}): Promise<Database> {
	const { migrationsFolder, logger } = options;
	const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
	// An idle client losing its connection emits 'error' on the pool: without a listener that
	// would crash the process. The pool replaces the client; queries in flight reject normally.
	pool.on('error', (err) => logger.warn({ err }, 'PostgreSQL idle client error'));
	// A client checked out (mid-transaction, between two statements) that loses its connection
	// emits 'error' on itself, where the pool does not listen: without this the process dies
	// ("Unhandled 'error' event"). Its pending and next queries reject, the caller answers 503,
	// and the release with that error discards the client.
	pool.on('connect', (client) => {
		client.on('error', (err) => logger.warn({ err }, 'PostgreSQL client lost its connection'));
	});
	try {
		const started = performance.now();
		await migrateLocked(pool, migrationsFolder);
		logger.info(
			{ backend: 'postgres', ms: Math.round(performance.now() - started) },
			'event store open, migrations applied'
		);
	} catch (error) {
		await pool.end().catch(() => {});
		throw error;
	}
	const db = drizzle({ client: pool, casing: 'snake_case' });
	let closing: Promise<void> | undefined;
	return {
		kind: 'postgres',
		db,
		async ping() {
			if (closing) throw new Error('the database is closed');
			await pool.query('select 1');
		},
		close() {
			closing ??= pool.end();
			return closing;
		}
	};
}

/** drizzle's migrator does not lock: hold an advisory lock on one dedicated connection. */
async function migrateLocked(pool: pg.Pool, migrationsFolder: string): Promise<void> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
		try {
			await migrate(drizzle({ client, casing: 'snake_case' }), { migrationsFolder });
		} finally {
			await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
		}
	} catch (error) {
		broken = error instanceof Error ? error : new Error(String(error));
		throw error;
	} finally {
		client.release(broken); // a failed connection is discarded, not returned to the pool
	}
}
