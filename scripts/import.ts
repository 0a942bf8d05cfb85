/**
 * `npm run import -- --format queue-log FILE…` or `-- --format calls-csv FILE… --map MAPPING.json`:
 * loads call records into the event store and its history rollups, on the database the server
 * uses (DATABASE_URL, else the PGlite folder DATA_DIR, with WALLBOARD_TIMEZONE and the targets
 * the rollups are kept by). With PGlite, stop the server first: the folder serves one process and
 * its lock refuses a second one. Re-importing a file counts duplicates and changes nothing.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { callsCsvMappingSchema, type CallsCsvMapping } from '../src/lib/adapters/calls-csv';
import { loadConfig, metricsConfigOf } from '../src/lib/server/config';
import { openStore } from '../src/lib/server/db/store';
import { IMPORT_FORMATS, importFiles, type ImportFormat } from '../src/lib/server/history/import';
import { createProgressReporter, describeSummary } from '../src/lib/server/history/import-progress';

const USAGE =
	'usage: npm run import -- --format queue-log FILE…\n' +
	'       npm run import -- --format calls-csv FILE… --map MAPPING.json\n' +
	'  (the database of DATABASE_URL, else the PGlite folder DATA_DIR: stop the server first)\n';

const fail = (message: string, code = 2): never => {
	process.stderr.write(`${message}\n`);
	process.exit(code);
};

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		format: { type: 'string' },
		map: { type: 'string' },
		help: { type: 'boolean', default: false }
	}
});
if (values.help) {
	process.stdout.write(USAGE);
	process.exit(0);
}
const format = values.format as ImportFormat;
if (!IMPORT_FORMATS.includes(format))
	fail(`--format must be one of ${IMPORT_FORMATS.join(', ')}\n${USAGE}`);
if (positionals.length === 0) fail(`no file given\n${USAGE}`);
let mapping: CallsCsvMapping | undefined;
if (format === 'calls-csv') {
	if (!values.map) fail(`calls-csv needs --map MAPPING.json (see docs/import/)\n${USAGE}`);
	const parsed = callsCsvMappingSchema.safeParse(JSON.parse(readFileSync(values.map!, 'utf8')));
	if (!parsed.success) {
		fail(
			`${values.map}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`).join('; ')}`
		);
	}
	mapping = parsed.data!;
}

const config = loadConfig(process.env);
const store = await openStore({
	databaseUrl: config.databaseUrl,
	dataDir: config.dataDir,
	history: metricsConfigOf(config)
}).catch((err: unknown) => {
	const message = err instanceof Error ? err.message : String(err);
	return fail(
		/in use by pid/.test(message)
			? `refusing to import: ${message}\nA server has this PGlite folder open: stop it, import, then start it again.`
			: `cannot open the database: ${message}`,
		1
	);
});
try {
	const where =
		store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${config.dataDir})`;
	process.stderr.write(
		`importing ${positionals.length} ${format} file(s) into ${where}, history in ${config.timezone}\n`
	);
	const reporter = createProgressReporter(process.stderr);
	const summary = await importFiles({
		store,
		format,
		files: positionals,
		mapping,
		now: Date.now(),
		onProgress: reporter.update
	});
	reporter.end();
	process.stdout.write(describeSummary(summary));
	if (summary.rejected > 0) {
		process.stderr.write(
			`${summary.rejected} record(s) rejected; the accepted events are stored\n`
		);
		process.exitCode = 1;
	}
} finally {
	await store.close();
}
