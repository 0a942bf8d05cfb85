/**
 * `npm run restore -- FILE [--force]`: brings a backup written by `npm run backup` back into
 * DATA_DIR. The server must be stopped. A DATA_DIR that already holds a database is refused
 * unless --force, which first moves it aside to `<DATA_DIR>.before-restore-<time>`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/lib/server/config';
import { lockHolder } from '../src/lib/server/db/lock';

const { values, positionals } = parseArgs({
	options: { force: { type: 'boolean', default: false } },
	allowPositionals: true
});
const fail = (s: string): never => {
	process.stderr.write(`${s}\n`);
	process.exit(1);
};
const from = positionals[0] ?? fail('usage: npm run restore -- BACKUP.tar.gz [--force]');
const config = loadConfig(process.env);
if (config.databaseUrl) fail('DATABASE_URL is set: restore PostgreSQL with pg_restore (README)');
const dataDir = path.resolve(config.dataDir);
const pid = lockHolder(dataDir);
if (pid !== null) fail(`the server (pid ${pid}) uses ${dataDir}: stop it first`);
const holdsDatabase = existsSync(path.join(dataDir, 'PG_VERSION'));
if (holdsDatabase) {
	if (!values.force) fail(`${dataDir} holds a database: pass --force to move it aside first`);
	const aside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	await rename(dataDir, aside);
	process.stdout.write(`moved the current database aside to ${aside}\n`);
} else if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
	fail(`${dataDir} is not empty: choose an empty DATA_DIR`);
}
await mkdir(dataDir, { recursive: true });
const blob = new Blob([await readFile(from)]);
const db = await PGlite.create({ dataDir, loadDataDir: blob });
const events = await db.query<{ n: number }>('select count(*)::int as n from events');
await db.close();
process.stdout.write(`restored ${from} into ${dataDir}: ${events.rows[0]?.n ?? 0} events\n`);
