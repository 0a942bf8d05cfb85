/**
 * The event log this instance shares: Redis Streams with `REDIS_URL` (several instances), else
 * the database itself (one process). See event-log.ts for what both promise.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config';
import type { EventStore } from '../db/store';
import type { Logger } from '../logger';
import type { EventLog } from './event-log';
import { createLocalLog } from './local-log';
import { createRedisLog } from './redis-log';

export async function openEventLog(o: {
	config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'>;
	store: EventStore;
	logger: Logger;
}): Promise<EventLog> {
	if (!o.config.redisUrl) return createLocalLog(o.store);
	return createRedisLog({
		url: o.config.redisUrl,
		prefix: o.config.redisKeyPrefix,
		instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
		store: o.store,
		logger: o.logger
	});
}
