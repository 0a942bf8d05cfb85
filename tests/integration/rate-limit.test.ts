/**
 * Rate limits count together across instances through Redis (two limiters = two instances), and
 * in memory without Redis.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/lib/server/auth/rate-limit';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hw-test-${randomBytes(4).toString('hex')}:`;
let a: ReturnType<typeof createClient>;
let b: ReturnType<typeof createClient>;

beforeAll(async () => {
	a = createClient({ url: REDIS_URL });
	b = createClient({ url: REDIS_URL });
	await a.connect();
	await b.connect();
});
afterAll(async () => {
	const keys = await a.keys(`${prefix}*`);
	if (keys.length > 0) await a.del(keys);
	await a.quit();
	await b.quit();
});

describe('rate limits', () => {
	it('count hits from two instances together through Redis', async () => {
		const one = createLimiter({
			name: 'login',
			points: 3,
			durationSeconds: 60,
			redis: a,
			redisKeyPrefix: prefix
		});
		const two = createLimiter({
			name: 'login',
			points: 3,
			durationSeconds: 60,
			redis: b,
			redisKeyPrefix: prefix
		});
		expect(await one.hit('10.0.0.1')).toEqual({ ok: true });
		expect(await two.hit('10.0.0.1')).toEqual({ ok: true });
		expect(await one.hit('10.0.0.1')).toEqual({ ok: true });
		const refused = await two.hit('10.0.0.1');
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.retryAfterSeconds).toBeGreaterThan(50);
			expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
		}
		expect(await one.hit('10.0.0.2')).toEqual({ ok: true }); // per key
		await one.reset('10.0.0.1');
		expect(await two.hit('10.0.0.1')).toEqual({ ok: true });
	});

	it('count per instance in memory without Redis', async () => {
		const one = createLimiter({ name: 'ingest', points: 2, durationSeconds: 1 });
		const two = createLimiter({ name: 'ingest', points: 2, durationSeconds: 1 });
		expect((await one.hit('src')).ok).toBe(true);
		expect((await one.hit('src')).ok).toBe(true);
		expect(await one.hit('src')).toEqual({ ok: false, retryAfterSeconds: 1 });
		expect((await two.hit('src')).ok).toBe(true);
	});
});
