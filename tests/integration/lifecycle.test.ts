/**
 * A start that fails midway leaves nothing open: the app is assembled in this process against the
 * real PostgreSQL and Redis, a step after the database, the event log, the live ticker and the
 * Redis clients fails (the first-admin step meets a broken schema), and afterwards no
 * connection, socket or timer of it remains — checked from the outside (pg_stat_activity, Redis
 * CLIENT LIST) and from the inside (Node's active resources).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/lib/server/app';
import { loadConfig } from '../../src/lib/server/config';
import { createLogger } from '../../src/lib/server/logger';
import { clientName } from '../../src/lib/server/redis-clients';
import { createTempDatabase } from '../helpers/pg';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let db: Awaited<ReturnType<typeof createTempDatabase>>;
const redis = createClient({ url: REDIS_URL });

beforeAll(async () => {
	db = await createTempDatabase('hw_lifecycle');
	await redis.connect();
});
afterAll(async () => {
	await redis.quit();
	await db?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Handles of this process by kind, e.g. { Timeout: 2, TCPSocketWrap: 3 }. */
function resources(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
	return counts;
}

async function backends(): Promise<number> {
	const c = new pg.Client({ connectionString: db.url });
	await c.connect();
	try {
		const r = await c.query(
			'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()'
		);
		return (r.rows[0] as { n: number }).n;
	} finally {
		await c.end();
	}
}

/** Connections named by the app for this test's key prefix (other tests may share Redis). */
async function redisClients(prefix: string): Promise<number> {
	const list = (await redis.sendCommand(['CLIENT', 'LIST'])) as string;
	return list.split('\n').filter((line) => line.includes(` name=${clientName(prefix)} `)).length;
}

describe('a start that fails midway', () => {
	it('closes every client, socket and timer it opened', async () => {
		const prefix = `hw-test-${randomBytes(4).toString('hex')}:`;
		const env = {
			DATABASE_URL: db.url,
			REDIS_URL,
			REDIS_KEY_PREFIX: prefix,
			INGEST_TOKEN: 'lifecycle-test-token-0123456789',
			SIMULATE: '0',
			LOG_LEVEL: 'silent'
		};
		const logger = createLogger('silent');
		// A first, good start migrates the database; then the accounts table goes missing.
		const first = await createApp(loadConfig(env), { logger });
		await first.close();
		const admin = new pg.Client({ connectionString: db.url });
		await admin.connect();
		await admin.query('alter table users rename to users_gone');
		await admin.end();
		await sleep(200);

		const before = {
			resources: resources(),
			backends: await backends(),
			redis: await redisClients(prefix)
		};
		expect(before.redis).toBe(0);
		expect(before.backends).toBe(0);

		const failing = createApp(loadConfig({ ...env, ADMIN_PASSWORD: 'lifecycle-admin-password' }), {
			logger
		});
		await expect(failing).rejects.toThrow(/users/);
		await sleep(300);

		expect(await backends()).toBe(0);
		expect(await redisClients(prefix)).toBe(0);
		expect(resources()).toEqual(before.resources);
	});
});
