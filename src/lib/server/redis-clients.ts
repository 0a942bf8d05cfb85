/**
 * The Redis connections of one instance besides the event log's own: one for the Socket.IO
 * adapter (it blocks on stream reads) and one for the shared rate limits (no offline queue: a
 * limiter falls back to memory rather than waiting). Opened only with REDIS_URL.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from './logger';

export type RedisClient = ReturnType<typeof createClient>;

/** `CLIENT SETNAME` of every connection the server opens (Redis names allow no spaces). */
export const clientName = (keyPrefix: string) => `hotline-wallboard:${keyPrefix}`;

export interface RedisClients {
	/**
	 * Links the instances' Socket.IO servers (threshold changes, disconnects, alerts). Made on
	 * first use, by the realtime feature: the adapter opens Redis connections of its own at once
	 * and closes them only with the Socket.IO server, so a start that fails before Socket.IO is
	 * attached must not have made it.
	 */
	socketAdapter(): ReturnType<typeof createAdapter>;
	readonly limiter: RedisClient;
	close(): Promise<void>;
}

export async function connectRedisClients(o: {
	url: string;
	keyPrefix: string;
	logger: Logger;
}): Promise<RedisClients> {
	const opened: RedisClient[] = [];
	const close = async () => {
		for (const c of opened.splice(0)) await c.quit().catch(() => c.destroy());
	};
	try {
		const connect = async (purpose: string, options: { disableOfflineQueue?: boolean } = {}) => {
			// Named, so an operator (and the lifecycle test) can tell this instance's connections apart.
			const client: RedisClient = createClient({
				url: o.url,
				name: clientName(o.keyPrefix),
				...options
			});
			client.on('error', (err: Error) =>
				o.logger.warn({ err: err.message }, `redis error (${purpose})`)
			);
			opened.push(client);
			await client.connect();
			return client;
		};
		const adapterClient = await connect('socket.io adapter');
		const limiter = await connect('rate limits', { disableOfflineQueue: true });
		let adapter: ReturnType<typeof createAdapter> | undefined;
		const socketAdapter = () =>
			(adapter ??= createAdapter(adapterClient, { streamName: `${o.keyPrefix}socket.io` }));
		return { socketAdapter, limiter, close };
	} catch (err) {
		await close();
		throw err;
	}
}
