/**
 * `npm run seed:history [-- --years 3 --seed 12345 --replace | --if-empty]`: fills the history rollups with
 * synthetic days at Beijing's scale, ending yesterday (WALLBOARD_TIMEZONE), on the database the
 * server uses (DATABASE_URL, else the PGlite folder DATA_DIR; stop the server first for PGlite).
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { HISTORY_TABLES } from '../src/lib/server/db/history';
import { loadConfig, metricsConfigOf } from '../src/lib/server/config';
import { openStore } from '../src/lib/server/db/store';
import { addDays, businessDayOf } from '../src/lib/metrics/timezone';
import { createSeedGenerator } from '../src/lib/server/history/seed';
import { countHistoryRows, writeSeed } from '../src/lib/server/history/seed-store';

const { values } = parseArgs({
	options: {
		years: { type: 'string', default: '3' },
		seed: { type: 'string', default: '12345' },
		replace: { type: 'boolean', default: false },
		// `npm run demo`: seed a fresh install, leave one that has history alone.
		'if-empty': { type: 'boolean', default: false },
		help: { type: 'boolean', default: false }
	}
});
if (values.help) {
	process.stdout.write(
		'usage: npm run seed:history -- [--years 3] [--seed 12345] [--replace | --if-empty]\n'
	);
	process.exit(0);
}
const years = Number(values.years);
const seed = Number(values.seed);
if (!Number.isFinite(years) || years <= 0 || years > 10) {
	process.stderr.write(
		`--years must be a number in (0, 10], got ${JSON.stringify(values.years)}\n`
	);
	process.exit(2);
}
if (!Number.isInteger(seed)) {
	process.stderr.write(`--seed must be an integer, got ${JSON.stringify(values.seed)}\n`);
	process.exit(2);
}

const config = loadConfig(process.env);
const store = await openStore({
	databaseUrl: config.databaseUrl,
	dataDir: config.dataDir,
	history: metricsConfigOf(config)
}).catch((err: unknown) => {
	process.stderr.write(
		`cannot open the database: ${err instanceof Error ? err.message : String(err)}\n`
	);
	process.exit(1);
});
try {
	const existing = await countHistoryRows(store.db);
	if (existing > 0 && values['if-empty']) {
		process.stdout.write(`history already holds ${existing} rows: not seeding\n`);
	} else if (existing > 0 && !values.replace) {
		process.stderr.write(
			`the history tables already hold ${existing} rows; pass --replace to delete them and seed afresh\n`
		);
		process.exitCode = 1;
	} else {
		const lastDay = addDays(businessDayOf(Date.now(), config.timezone), -1);
		const daysTotal = Math.round(years * 365.25);
		const where = store.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
		process.stdout.write(
			`seeding ${daysTotal} days ending ${lastDay} (${config.timezone}), seed ${seed}, into ${where}` +
				(store.kind === 'pglite' ? '; PGlite takes a few minutes for 3 years' : '') +
				'\n'
		);
		const started = performance.now();
		const generator = createSeedGenerator({ seed });
		const done = await writeSeed(store.db, generator.days(lastDay, years), {
			daysTotal,
			replace: values.replace,
			onProgress: (p) => {
				const s = (performance.now() - started) / 1000;
				const eta = (s / p.daysDone) * (p.daysTotal - p.daysDone);
				process.stdout.write(
					`  ${p.daysDone}/${p.daysTotal} days (${((100 * p.daysDone) / p.daysTotal).toFixed(0)}%), ` +
						`${(p.calls / 1e6).toFixed(2)} M calls, ${(p.tickets / 1e6).toFixed(2)} M tickets, ` +
						`${p.rows} rows, ${Math.round(p.rows / s)} rows/s, ~${eta.toFixed(0)} s left\n`
				);
			}
		});
		// Fresh statistics, so the planner reads the new rows by index from the first query on.
		for (const t of HISTORY_TABLES) await store.db.execute(sql.raw(`analyze ${t.table}`));
		const s = (performance.now() - started) / 1000;
		process.stdout.write(
			`done in ${s.toFixed(1)} s: ${done.daysDone} days, ${(done.calls / 1e6).toFixed(2)} M calls, ` +
				`${(done.tickets / 1e6).toFixed(2)} M tickets, ${done.rows} rows (committed)\n`
		);
	}
} finally {
	await store.close();
}
