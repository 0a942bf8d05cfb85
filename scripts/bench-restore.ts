/**
 * `npm run bench:restore -- [--days 1095] [--calls-per-day 500]`: how long the live restore
 * takes with years of raw events stored, and after retention removed what is past
 * EVENTS_RETENTION_DAYS (400). Works on a temporary database it creates next to
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and drops afterwards.
 * Each day holds `calls-per-day` answered calls (offered + answered) spread over the day; the
 * last day is within the live window. The rows go straight into `events` (no append), so the
 * `live_open` table stays empty, as it is when every stored call is answered.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { LIVE_WINDOW_MS, SURVEY_WINDOW_MS } from '../src/lib/metrics';
import { openStore } from '../src/lib/server/db/store';
import { DAY_MS, pruneEvents } from '../src/lib/server/db/retention';

const { values } = parseArgs({
	options: {
		days: { type: 'string', default: '1095' },
		'calls-per-day': { type: 'string', default: '500' },
		'retention-days': { type: 'string', default: '400' }
	}
});
const days = Number(values.days);
const perDay = Number(values['calls-per-day']);
const retentionDays = Number(values['retention-days']);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `hw_restore_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const out = (s: string) => process.stdout.write(`${s}\n`);

const store = await openStore({ databaseUrl: url.toString(), dataDir: '/nonexistent' });
try {
	const now = Date.now();
	const t0 = performance.now();
	// One statement per 100 days, generated in the database (no round trip per row), oldest first
	// as a live server stores them (retention walks the rows in insertion order).
	for (let to = days - 1; to >= 0; to -= 100) {
		const from = Math.max(0, to - 99);
		await store.db.execute(sql`
			insert into events (id, type, entity, at, received_at, payload)
			select x.id, x.type, x.entity, x.at, x.at, x.payload from (
				select 'o-' || d || '-' || i as id, 'call.offered' as type, 'c-' || d || '-' || i as entity,
					t as at,
					jsonb_build_object('id', 'o-' || d || '-' || i, 'type', 'call.offered',
						'at', (extract(epoch from t) * 1000)::bigint, 'callId', 'c-' || d || '-' || i,
						'queue', 'q' || (i % 4)) as payload
				from generate_series(${from}::int, ${to}::int) d, generate_series(1, ${perDay}::int) i,
					lateral (select to_timestamp(${now / 1000}) - d * interval '1 day' - i * interval '100 ms' as t) s
				union all
				select 'a-' || d || '-' || i, 'call.answered', 'c-' || d || '-' || i, t + interval '30 s',
					jsonb_build_object('id', 'a-' || d || '-' || i, 'type', 'call.answered',
						'at', (extract(epoch from t + interval '30 s') * 1000)::bigint,
						'callId', 'c-' || d || '-' || i, 'agentId', 'a' || (i % 50))
				from generate_series(${from}::int, ${to}::int) d, generate_series(1, ${perDay}::int) i,
					lateral (select to_timestamp(${now / 1000}) - d * interval '1 day' - i * interval '100 ms' as t) s
			) x
			order by x.at`);
	}
	await store.db.execute(sql`analyze events`);
	const stored = await store.countEvents();
	out(
		`stored ${stored} events (${days} days × ${perDay} calls) in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
	const measure = async (label: string) => {
		const times: number[] = [];
		let n = 0;
		for (let i = 0; i < 3; i++) {
			const s = performance.now();
			n = (
				await store.loadLive(Date.now(), {
					liveWindowMs: LIVE_WINDOW_MS,
					surveyWindowMs: SURVEY_WINDOW_MS
				})
			).length;
			times.push(performance.now() - s);
		}
		times.sort((a, b) => a - b);
		out(
			`${label}: restore read ${n} events, median ${times[1]!.toFixed(0)} ms (3 runs: ${times.map((t) => t.toFixed(0)).join(', ')})`
		);
	};
	await measure(`with ${days} days stored`);
	const p = performance.now();
	const removed = await pruneEvents({
		db: store.db,
		kind: 'postgres',
		before: now - retentionDays * DAY_MS
	});
	await store.db.execute(sql`vacuum analyze events`);
	out(
		`retention (${retentionDays} days) removed ${removed} events in ${((performance.now() - p) / 1000).toFixed(1)} s`
	);
	await measure(`after retention (${await store.countEvents()} events stored)`);
} finally {
	await store.close();
	await admin.query(`drop database if exists ${name} with (force)`);
	await admin.end();
}
