/**
 * Several instances, one truth: a Redis stream is the shared event log.
 *
 * - append: ids already in PostgreSQL are duplicates; the rest go through one Lua script that,
 *   atomically for the whole batch, claims each id (`SET NX`, kept LIVE_DEDUP_TTL_S) and appends
 *   the event to the stream. Only then is the batch answered `200`.
 * - every instance reads the whole stream (XREAD) and applies every event to its own engine.
 * - persistence: a consumer group `persist` shared by all instances writes each entry to
 *   PostgreSQL once (idempotent inserts), acknowledges it, and claims the pending entries of an
 *   instance that died (XAUTOCLAIM after PENDING_CLAIM_IDLE_MS).
 * - the stream is trimmed to the entries not yet persisted, keeping TRIM_KEEP_MS of tail.
 * - Redis unreachable: append throws (→ 503), `healthy()` is false (→ /readyz 503, no pushes, so
 *   screens show their stale banner), and reading resumes where it stopped once Redis is back.
 */
import { createClient } from 'redis';
import type { WallboardEvent } from '../../contract/events';
import type { EventStore } from '../db/store';
import type { Logger } from '../logger';
import type { EventLog } from './event-log';

type RedisClient = ReturnType<typeof createClient>;
type Entry = [id: string, fields: string[]];

const READ_COUNT = 2000;
const BLOCK_MS = 1000;
const PERSIST_GROUP = 'persist';
const PENDING_CLAIM_IDLE_MS = 5000;
const MAINTENANCE_INTERVAL_MS = 2000;
const TRIM_KEEP_MS = 60_000;
/** How long Redis remembers an accepted id; older re-sends are caught by PostgreSQL. */
const LIVE_DEDUP_TTL_S = 26 * 3600;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2000;

/** KEYS[1] stream; ARGV[1] id-key prefix, ARGV[2] ttl, then (id, payload) pairs. */
const APPEND_SCRIPT = `
local accepted = {}
for i = 3, #ARGV, 2 do
  if redis.call('SET', ARGV[1] .. ARGV[i], '1', 'NX', 'EX', ARGV[2]) then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
    accepted[#accepted + 1] = ARGV[i]
  end
end
return accepted`;

export type RedisLogOptions = {
	url: string;
	/** Key prefix, so that several deployments (or tests) can share one Redis. */
	prefix: string;
	/** Names this instance's consumer in the persist group. */
	instanceId: string;
	store: EventStore;
	logger: Logger;
};

/** XREAD/XREADGROUP replies come as [[key, entries]] (RESP2) or {key: entries} (RESP3). */
function entriesOf(reply: unknown): Entry[] {
	if (!reply) return [];
	const streams = Array.isArray(reply)
		? (reply as Array<[string, Entry[]]>).map((s) => s[1])
		: Object.values(reply as Record<string, Entry[]>);
	return streams.flat();
}

function eventOf(entry: Entry): WallboardEvent | null {
	const fields = entry[1];
	for (let i = 0; i + 1 < fields.length; i += 2) {
		if (fields[i] === 'e') return JSON.parse(fields[i + 1] as string) as WallboardEvent;
	}
	return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createRedisLog(o: RedisLogOptions): Promise<EventLog> {
	const stream = `${o.prefix}events`;
	const idPrefix = `${o.prefix}id:`;
	const clientOptions = {
		url: o.url,
		// Fail fast while disconnected instead of queueing: ingest must answer 503, not hang.
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 2000,
			reconnectStrategy: (retries: number) => Math.min(RETRY_MIN_MS * 2 ** retries, RETRY_MAX_MS)
		}
	};
	const command: RedisClient = createClient(clientOptions);
	const reader: RedisClient = createClient(clientOptions);
	const persister: RedisClient = createClient(clientOptions);
	let lastError = '';
	for (const [name, c] of [
		['command', command],
		['reader', reader],
		['persister', persister]
	] as const) {
		c.on('error', (err: Error) => {
			if (err.message !== lastError)
				o.logger.warn({ err: err.message, client: name }, 'redis error');
			lastError = err.message;
		});
	}
	await Promise.all([command.connect(), reader.connect(), persister.connect()]);
	try {
		await command.sendCommand(['XGROUP', 'CREATE', stream, PERSIST_GROUP, '0', 'MKSTREAM']);
	} catch (err) {
		if (!String(err).includes('BUSYGROUP')) throw err;
	}

	let stopped = false;
	let readerOk = true;
	const loops: Promise<void>[] = [];
	let maintenance: NodeJS.Timeout | undefined;

	async function persist(entries: Entry[]): Promise<void> {
		if (entries.length === 0) return;
		const events = entries.map(eventOf).filter((e): e is WallboardEvent => e !== null);
		await o.store.append(events, Date.now());
		await persister.sendCommand(['XACK', stream, PERSIST_GROUP, ...entries.map((e) => e[0])]);
	}

	async function persistLoop(): Promise<void> {
		while (!stopped) {
			try {
				const reply = await persister.sendCommand([
					'XREADGROUP',
					'GROUP',
					PERSIST_GROUP,
					o.instanceId,
					'COUNT',
					String(READ_COUNT),
					'BLOCK',
					String(BLOCK_MS),
					'STREAMS',
					stream,
					'>'
				]);
				await persist(entriesOf(reply));
			} catch (err) {
				if (stopped) return;
				o.logger.warn({ err: String(err) }, 'persisting from the stream failed; retrying');
				await sleep(RETRY_MAX_MS);
			}
		}
	}

	/** Takes over entries another (dead) consumer read but never acknowledged; trims the stream. */
	async function maintain(): Promise<void> {
		try {
			let cursor = '0-0';
			do {
				const reply = (await command.sendCommand([
					'XAUTOCLAIM',
					stream,
					PERSIST_GROUP,
					o.instanceId,
					String(PENDING_CLAIM_IDLE_MS),
					cursor,
					'COUNT',
					String(READ_COUNT)
				])) as [string, Entry[], unknown];
				cursor = reply[0];
				const claimed = reply[1].filter((e) => Array.isArray(e) && e[1]);
				if (claimed.length > 0) {
					o.logger.info({ entries: claimed.length }, 'claimed unpersisted entries');
					await o.store.append(
						claimed.map(eventOf).filter((e): e is WallboardEvent => e !== null),
						Date.now()
					);
					await command.sendCommand(['XACK', stream, PERSIST_GROUP, ...claimed.map((e) => e[0])]);
				}
			} while (cursor !== '0-0' && !stopped);
			// Everything before the oldest unacknowledged entry is in PostgreSQL; keep a minute of tail
			// for instances that are a little behind.
			const pending = (await command.sendCommand(['XPENDING', stream, PERSIST_GROUP])) as [
				number,
				string | null,
				...unknown[]
			];
			const info = (await command.sendCommand(['XINFO', 'GROUPS', stream])) as unknown[];
			const group = info
				.map((g) =>
					Array.isArray(g)
						? (Object.fromEntries(
								g.reduce<Array<[string, unknown]>>((acc, v, i, arr) => {
									if (i % 2 === 0) acc.push([String(v), arr[i + 1]]);
									return acc;
								}, [])
							) as Record<string, unknown>)
						: (g as Record<string, unknown>)
				)
				.find((g) => g.name === PERSIST_GROUP);
			const delivered = String(group?.['last-delivered-id'] ?? '0-0');
			const oldestPending = pending[0] > 0 && pending[1] ? pending[1] : null;
			const persistedBelow = oldestPending ?? nextId(delivered);
			const keepFrom = `${Date.now() - TRIM_KEEP_MS}-0`;
			const minId = compareIds(persistedBelow, keepFrom) < 0 ? persistedBelow : keepFrom;
			await command.sendCommand(['XTRIM', stream, 'MINID', '~', minId]);
		} catch (err) {
			if (!stopped) o.logger.warn({ err: String(err) }, 'stream maintenance failed');
		}
	}

	return {
		kind: 'redis',
		async append(events) {
			if (events.length === 0) return new Set();
			const known = await o.store.existingIds(events.map((e) => e.id));
			const fresh = events.filter((e) => !known.has(e.id));
			if (fresh.length === 0) return new Set();
			const args: string[] = [];
			for (const e of fresh) args.push(e.id, JSON.stringify(e));
			const accepted = (await command.sendCommand([
				'EVAL',
				APPEND_SCRIPT,
				'1',
				stream,
				idPrefix,
				String(LIVE_DEDUP_TTL_S),
				...args
			])) as string[];
			return new Set(accepted);
		},
		async start(onEvents) {
			// Replay the stream as it is (entries not yet in PostgreSQL, and a recent tail), then
			// follow it from its last entry.
			let lastId = '0-0';
			for (;;) {
				const reply = await reader.sendCommand([
					'XREAD',
					'COUNT',
					String(READ_COUNT),
					'STREAMS',
					stream,
					lastId
				]);
				const entries = entriesOf(reply);
				if (entries.length === 0) break;
				lastId = entries[entries.length - 1]![0];
				const events = entries.map(eventOf).filter((e): e is WallboardEvent => e !== null);
				onEvents(events);
			}
			const follow = async () => {
				while (!stopped) {
					try {
						const reply = await reader.sendCommand([
							'XREAD',
							'COUNT',
							String(READ_COUNT),
							'BLOCK',
							String(BLOCK_MS),
							'STREAMS',
							stream,
							lastId
						]);
						if (!readerOk) o.logger.info('shared event log reachable again; caught up');
						readerOk = true;
						const entries = entriesOf(reply);
						if (entries.length === 0) continue;
						lastId = entries[entries.length - 1]![0];
						onEvents(entries.map(eventOf).filter((e): e is WallboardEvent => e !== null));
					} catch (err) {
						if (stopped) return;
						if (readerOk) o.logger.warn({ err: String(err) }, 'shared event log unreachable');
						readerOk = false;
						await sleep(RETRY_MIN_MS * 5);
					}
				}
			};
			loops.push(follow(), persistLoop());
			maintenance = setInterval(() => void maintain(), MAINTENANCE_INTERVAL_MS);
		},
		healthy: () => readerOk && command.isReady && reader.isReady,
		async close() {
			stopped = true;
			clearInterval(maintenance);
			// The blocking reads return within BLOCK_MS; then the connections close.
			await Promise.allSettled(loops);
			await Promise.allSettled([command.quit(), reader.quit(), persister.quit()]);
		}
	};
}

/** Stream ids "ms-seq" compared numerically. */
export function compareIds(a: string, b: string): number {
	const [am = 0, as = 0] = a.split('-').map(Number);
	const [bm = 0, bs = 0] = b.split('-').map(Number);
	return am !== bm ? am - bm : as - bs;
}

function nextId(id: string): string {
	const [ms = 0, seq = 0] = id.split('-').map(Number);
	return `${ms}-${seq + 1}`;
}
