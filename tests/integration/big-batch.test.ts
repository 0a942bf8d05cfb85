/**
 * Probe finding c: one batch touching 20,000 distinct calls must be stored (one advisory lock
 * per entity in one transaction ran out of lock memory: 503 forever), on PGlite and PostgreSQL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '../helpers/pg';
import { postEvents, removeDir, startServer, type ServerHandle } from '../helpers/server';

let db: Awaited<ReturnType<typeof createTempDatabase>>;
const servers: ServerHandle[] = [];
beforeAll(async () => {
	db = await createTempDatabase('hw_bigbatch');
});
afterAll(async () => {
	for (const s of servers) {
		await s.stop();
		removeDir(s.dataDir);
	}
	await db?.drop();
});

const T0 = Date.parse('2026-03-02T09:00:00Z');
const N = 20_000;
const batch = Array.from({ length: N }, (_, i) => ({
	id: `big-${i}`,
	type: 'call.offered',
	at: T0 + i,
	callId: `big-call-${i}`,
	queue: 'general'
}));

describe('a 20 k-entity batch (finding c)', () => {
	it('is stored on PostgreSQL', async () => {
		const server = await startServer({ DATABASE_URL: db.url });
		servers.push(server);
		const res = await postEvents(server.url, batch);
		expect(res.status).toBe(200);
		expect(res.body.accepted).toBe(N);
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		try {
			const r = await c.query("select count(*)::int as n from events where id like 'big-%'");
			expect(r.rows[0].n).toBe(N);
			const h = await c.query('select sum(offered)::int as n from history_calls_daily');
			expect(h.rows[0].n).toBe(N);
		} finally {
			await c.end();
		}
		// No log line carries a whole parameter list.
		expect(
			Math.max(
				...server
					.output()
					.split('\n')
					.map((l) => l.length)
			)
		).toBeLessThan(20_000);
	}, 120_000);

	it('is stored on PGlite', async () => {
		const server = await startServer();
		servers.push(server);
		const res = await postEvents(server.url, batch);
		expect(res.status).toBe(200);
		expect(res.body.accepted).toBe(N);
		const again = await postEvents(server.url, batch);
		expect(again.body.duplicates).toBe(N);
	}, 120_000);
});
