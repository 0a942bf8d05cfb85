/**
 * Step `history`: 3 years of synthetic history (npm run seed:history's generator) in a temporary
 * PostgreSQL database, then every history endpoint through the real server over HTTP, as a
 * manager: the round trip measured by the client and the server's own queryMs, median and p95
 * over repeated runs. Target: ≤ 100 ms each.
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { addDays, businessDayOf } from '../src/lib/metrics/timezone';
import { createSeedGenerator } from '../src/lib/server/history/seed';
import { writeSeed } from '../src/lib/server/history/seed-store';
import type { StoreDatabase } from '../src/lib/server/db/drizzle-store';
import { authHeaders, TEST_ADMIN_PASSWORD } from '../tests/helpers/auth';
import { createDatabase, startReal } from './servers';
import { summarize, type Summary } from './stats';

const TIMEZONE = 'Asia/Shanghai';
const YEARS = 3;
const SEED = 12345;

export type HistoryQueryFigures = {
	name: string;
	path: string;
	/** Client round trip, ms. */
	roundTrip: Summary;
	/** The server's queryMs (JSON endpoints), ms. */
	queryMs: Summary | null;
	bytes: number;
};

export type HistoryFigures = {
	years: number;
	days: number;
	calls: number;
	tickets: number;
	rows: number;
	seedSeconds: number;
	runs: number;
	queries: HistoryQueryFigures[];
};

export async function runHistory(o: {
	runs: number;
	/** Years of history to seed (default 3; the smoke run seeds a few days). */
	years?: number;
	tempDir: () => string;
	log: (s: string) => void;
}): Promise<HistoryFigures> {
	const years = o.years ?? YEARS;
	const db = await createDatabase('postgres', o.tempDir);
	const url = db.env.DATABASE_URL as string;
	try {
		const pool = new pg.Pool({ connectionString: url, max: 2 });
		const orm = drizzle({ client: pool, casing: 'snake_case' });
		await migrate(orm, { migrationsFolder: 'drizzle' });
		const lastDay = addDays(businessDayOf(Date.now(), TIMEZONE), -1);
		const daysTotal = Math.max(1, Math.round(years * 365.25));
		o.log(`history: seeding ${daysTotal} days ending ${lastDay} into PostgreSQL`);
		const started = performance.now();
		const seeded = await writeSeed(
			orm as unknown as StoreDatabase,
			createSeedGenerator({ seed: SEED }).days(lastDay, years),
			{ daysTotal, replace: false }
		);
		const seedSeconds = (performance.now() - started) / 1000;
		await pool.query('analyze');
		await pool.end();
		o.log(
			`history: ${(seeded.calls / 1e6).toFixed(1)} M calls, ${(seeded.tickets / 1e6).toFixed(1)} M tickets, ${seeded.rows} rows in ${seedSeconds.toFixed(1)} s`
		);

		const server = await startReal(db, {
			WALLBOARD_TIMEZONE: TIMEZONE,
			ADMIN_PASSWORD: TEST_ADMIN_PASSWORD
		});
		try {
			const headers = await authHeaders(server, 'manager');
			const d = (n: number) => addDays(lastDay, n);
			const monthStart = `${lastDay.slice(0, 7)}-01`;
			const first = addDays(lastDay, -(daysTotal - 1));
			const cases: Array<[string, string]> = [
				['summary, day', `/api/v1/history/summary?from=${lastDay}&to=${lastDay}`],
				['summary, week', `/api/v1/history/summary?from=${d(-6)}&to=${lastDay}`],
				['summary, month', `/api/v1/history/summary?from=${d(-29)}&to=${lastDay}`],
				['summary, month to date', `/api/v1/history/summary?from=${monthStart}&to=${lastDay}`],
				['summary, year', `/api/v1/history/summary?from=${d(-364)}&to=${lastDay}`],
				['summary, 3 years', `/api/v1/history/summary?from=${first}&to=${lastDay}`],
				['intraday, hall', `/api/v1/history/intraday?day=${lastDay}`],
				['intraday, one queue', `/api/v1/history/intraday?day=${lastDay}&queue=general`],
				['daily, month', `/api/v1/history/daily?from=${d(-29)}&to=${lastDay}`],
				['daily, 3 years', `/api/v1/history/daily?from=${first}&to=${lastDay}`],
				['export.csv, week', `/api/v1/history/export.csv?from=${d(-6)}&to=${lastDay}`],
				['export.csv, 3 years', `/api/v1/history/export.csv?from=${first}&to=${lastDay}`]
			];
			const queries: HistoryQueryFigures[] = [];
			for (const [name, path] of cases) {
				const times: number[] = [];
				const queryMs: number[] = [];
				let bytes = 0;
				for (let i = 0; i < o.runs + 2; i++) {
					const t = performance.now();
					const res = await fetch(`${server.url}${path}`, { headers });
					const body = await res.text();
					const ms = performance.now() - t;
					if (!res.ok) throw new Error(`${path}: HTTP ${res.status}: ${body.slice(0, 200)}`);
					if (i < 2) continue; // warm-up: connections, plans, JIT of the route
					times.push(ms);
					bytes = Buffer.byteLength(body);
					if (res.headers.get('content-type')?.includes('json')) {
						queryMs.push((JSON.parse(body) as { queryMs: number }).queryMs);
					} else {
						const m = /db;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
						if (m) queryMs.push(Number(m[1]));
					}
				}
				const figure = {
					name,
					path,
					roundTrip: summarize(times),
					queryMs: queryMs.length ? summarize(queryMs) : null,
					bytes
				};
				o.log(
					`history: ${name}: round trip p50 ${figure.roundTrip.p50.toFixed(1)} / p95 ${figure.roundTrip.p95.toFixed(1)} ms, server ${figure.queryMs?.p50.toFixed(1) ?? '–'} ms, ${bytes} bytes`
				);
				queries.push(figure);
			}
			return {
				years,
				days: seeded.daysDone,
				calls: seeded.calls,
				tickets: seeded.tickets,
				rows: seeded.rows,
				seedSeconds,
				runs: o.runs,
				queries
			};
		} finally {
			await server.stop();
		}
	} finally {
		await db.drop();
	}
}
