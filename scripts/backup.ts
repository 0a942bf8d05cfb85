/**
 * `npm run backup [-- --out FILE]`: a consistent copy of the embedded PGlite database in
 * DATA_DIR, also while the server runs: the running server is asked (SIGUSR2) to write it to
 * DATA_DIR.backups/ (PGlite's dumpDataDir, a gzipped tar); with no server running the folder is
 * opened here. `--out` copies the file there too. PostgreSQL (DATABASE_URL): use pg_dump (README,
 * "Operations").
 */
import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/lib/server/config';
import { backupFolder, writeBackup } from '../src/lib/server/db/backup';
import { openDatabase } from '../src/lib/server/db/connect';
import { lockHolder } from '../src/lib/server/db/lock';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig(process.env);
const say = (s: string) => process.stdout.write(`${s}\n`);
if (config.databaseUrl) {
	process.stderr.write(
		'DATABASE_URL is set: back up PostgreSQL with pg_dump, e.g.\n' +
			'  pg_dump --format=custom --file=wallboard.dump "$DATABASE_URL"\n' +
			'and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" wallboard.dump\n'
	);
	process.exit(2);
}
const dataDir = path.resolve(config.dataDir);
const folder = backupFolder(dataDir);
const list = async () =>
	new Set((await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.tar.gz')));

let file: string;
const pid = lockHolder(dataDir);
if (pid !== null) {
	const before = await list();
	process.kill(pid, 'SIGUSR2');
	say(`asked the running server (pid ${pid}) for a backup`);
	const until = Date.now() + 300_000;
	let found: string | undefined;
	while (!found && Date.now() < until) {
		await new Promise((r) => setTimeout(r, 250));
		found = [...(await list())].find((f) => !before.has(f));
	}
	if (!found) {
		process.stderr.write('the server wrote no backup within 5 minutes: see its log\n');
		process.exit(1);
	}
	file = path.join(folder, found);
} else {
	const database = await openDatabase({ dataDir });
	try {
		file = await writeBackup(database, dataDir, Date.now());
	} finally {
		await database.close();
	}
}
if (values.out) {
	await copyFile(file, values.out);
	file = path.resolve(values.out);
}
say(`backup written: ${file}`);
