/**
 * Rate limits (rate-limiter-flexible): in memory for one instance, shared through Redis when
 * REDIS_URL is set, so several instances count together. When Redis is unreachable the limiter
 * falls back to a per-instance memory limiter rather than refusing everyone.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { createClient } from 'redis';

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface Limiter {
	/** Counts one hit for `key`. */
	hit(key: string): Promise<LimitResult>;
	/** Forgets `key` (a successful sign-in clears its failures). */
	reset(key: string): Promise<void>;
	/** Whether `key` has used up its points, without counting a hit. */
	blocked(key: string): Promise<LimitResult>;
}

export type LimiterOptions = {
	name: string;
	points: number;
	durationSeconds: number;
	redis?: ReturnType<typeof createClient>;
	redisKeyPrefix?: string;
};

export function createLimiter(options: LimiterOptions): Limiter {
	const base = { points: options.points, duration: options.durationSeconds };
	const memory = new RateLimiterMemory({ ...base, keyPrefix: options.name });
	const limiter = options.redis
		? new RateLimiterRedis({
				...base,
				storeClient: options.redis,
				useRedisPackage: true,
				rejectIfRedisNotReady: true,
				keyPrefix: `${options.redisKeyPrefix ?? 'hw:'}rl:${options.name}`,
				insuranceLimiter: memory
			})
		: memory;
	return {
		async hit(key) {
			try {
				await limiter.consume(key);
				return { ok: true };
			} catch (err) {
				if (err instanceof RateLimiterRes) {
					return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
				}
				throw err;
			}
		},
		async reset(key) {
			await limiter.delete(key).catch(() => false);
		},
		async blocked(key) {
			const res = await limiter.get(key).catch(() => null);
			if (!res || res.consumedPoints <= options.points) return { ok: true };
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
		}
	};
}
