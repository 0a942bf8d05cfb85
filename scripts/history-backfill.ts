/**
 * `npm run history:backfill`: rebuilds every history rollup from the stored events, on the
 * database the server uses (DATABASE_URL, else the PGlite folder DATA_DIR). One transaction:
 * readers see the old rollups until it commits. With PGlite, stop the server first (the folder
 * serves one process); with PostgreSQL servers may keep running (their appends wait for the
 * rebuild to commit).
 */
import { loadConfig, metricsConfigOf } from '../src/lib/server/config';
import { openStore } from '../src/lib/server/db/store';
import { rebuildHistory } from '../src/lib/server/db/history-backfill';

const config = loadConfig(process.env);
const rules = metricsConfigOf(config);
let store;
try {
	store = await openStore({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		history: rules
	});
} catch (err) {
	const message = err instanceof Error ? err.message : String(err);
	process.stderr.write(
		/in use by pid/.test(message)
			? `refusing to backfill: ${message}\nStop the server that uses this folder, then run the backfill again.\n`
			: `cannot open the database: ${message}\n`
	);
	process.exit(1);
}
try {
	const where = store.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
	process.stdout.write(
		`rebuilding the history rollups from the events in ${where} (${config.timezone})\n`
	);
	const started = performance.now();
	let last = 0;
	const result = await rebuildHistory(store.db, rules, (p) => {
		const now = performance.now();
		if (p.phase !== 'done' && p.phase !== 'writing' && now - last < 1000) return;
		last = now;
		const s = (now - started) / 1000;
		const pct = p.entitiesTotal === 0 ? 100 : (100 * p.entitiesDone) / p.entitiesTotal;
		process.stdout.write(
			`  ${p.phase}: ${p.entitiesDone}/${p.entitiesTotal} calls+tickets (${pct.toFixed(0)}%), ` +
				`${p.eventsDone} events, ${Math.round(p.eventsDone / Math.max(s, 0.001))} events/s\n`
		);
	});
	process.stdout.write(
		`done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${result.calls} calls, ` +
			`${result.tickets} tickets, ${result.events} events → ${result.callRows} call slots, ` +
			`${result.ticketRows} ticket rows (committed)\n`
	);
} finally {
	await store.close();
}
