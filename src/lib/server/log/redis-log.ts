/**
 * Several instances, one truth: PostgreSQL is the record, a Redis stream only the fan-out.
 *
 * - append: the events go to PostgreSQL first (one transaction; its unique ids de-duplicate
 *   across every instance), then the ones newly stored are announced on the stream by one Lua
 *   script that numbers each entry (`n`, from the counter `<prefix>events:seq`) and trims the
 *   stream to TRIM_KEEP_MS. Only then the `200`. Redis holds nothing that PostgreSQL does not.
 * - every instance reads the whole stream (XREAD) and applies every event to its own engine.
 * - Redis losing its memory (a restart without persistence, a FLUSHALL, an eviction) cannot lose
 *   an accepted event; what it can lose is the fan-out. Each instance notices by itself and
 *   resynchronises from PostgreSQL (`handlers.resync`): when the epoch key
 *   `<prefix>events:epoch` (a random value set when the stream starts) changed or vanished; when
 *   the entries' numbers skip (a reader that fell behind the trim); after any Redis error; and
 *   when an announcement failed after the commit (the instance then replaces the epoch, so that
 *   every instance resynchronises). `healthy()` is false until the resynchronisation is done: no
 *   pushes, `/readyz` 503, screens show their stale banner, never figures that miss events.
 * - Redis unreachable: append throws (→ 503); the sender re-sends, and what was stored before
 *   the failure is then a duplicate.
 *
 * One file (~300 lines): the append, the reader and the resynchronisation share the epoch and the
 * entry numbering, and each is only correct together with the others.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { WallboardEvent } from '../../contract/events';
import type { EventStore } from '../db/store';
import type { Logger } from '../logger';
import type { EventLog, LogHandlers } from './event-log';

type RedisClient = ReturnType<typeof createClient>;
type Entry = [id: string, fields: string[]];

const READ_COUNT = 2000;
const BLOCK_MS = 1000;
const MAINTENANCE_INTERVAL_MS = 1000;
/** How much stream tail is kept: a reader further behind than this resynchronises. */
export const TRIM_KEEP_MS = 5 * 60_000;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2000;
/** The consumer group of earlier versions, which persisted from the stream (drained at start). */
const LEGACY_PERSIST_GROUP = 'persist';

/**
 * KEYS[1] stream, KEYS[2] counter, KEYS[3] epoch; ARGV[1] tail kept (ms), ARGV[2] an epoch for
 * a stream that starts now, then one payload per event. Returns the last entry's number.
 */
const APPEND_SCRIPT = `
redis.call('SET', KEYS[3], ARGV[2], 'NX')
local t = redis.call('TIME')
local minid = string.format('%.0f-0', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[1]))
local n = 0
for i = 3, #ARGV do
  n = redis.call('INCR', KEYS[2])
  redis.call('XADD', KEYS[1], 'MINID', '~', minid, '*', 'e', ARGV[i], 'n', n)
end
return n`;

/**
 * KEYS as above; ARGV[1] an epoch for a stream that starts now. Returns, atomically, the epoch,
 * the last entry's number and id: a reader that starts there misses nothing stored later.
 */
const POSITION_SCRIPT = `
redis.call('SET', KEYS[3], ARGV[1], 'NX')
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local id = '0-0'
if last[1] then id = last[1][1] end
return {redis.call('GET', KEYS[3]), tostring(redis.call('GET', KEYS[2]) or '0'), id}`;

export type RedisLogOptions = {
	url: string;
	/** Key prefix, so that several deployments (or tests) can share one Redis. */
	prefix: string;
	/** Names this instance in logs. */
	instanceId: string;
	store: EventStore;
	logger: Logger;
};

/** XREAD replies come as [[key, entries]] (RESP2) or {key: entries} (RESP3). */
function entriesOf(reply: unknown): Entry[] {
	if (!reply) return [];
	const streams = Array.isArray(reply)
		? (reply as Array<[string, Entry[]]>).map((s) => s[1])
		: Object.values(reply as Record<string, Entry[]>);
	return streams.flat();
}

/** An entry's event and number (NaN for an entry of an earlier version, which has none). */
export function parseEntry(entry: Entry): { event: WallboardEvent | null; n: number } {
	const fields = entry[1];
	let event: WallboardEvent | null = null;
	let n = NaN;
	for (let i = 0; i + 1 < fields.length; i += 2) {
		if (fields[i] === 'e') event = JSON.parse(fields[i + 1] as string) as WallboardEvent;
		else if (fields[i] === 'n') n = Number(fields[i + 1]);
	}
	return { event, n };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newEpoch = () => randomBytes(8).toString('hex');

export async function createRedisLog(o: RedisLogOptions): Promise<EventLog> {
	const keys = [`${o.prefix}events`, `${o.prefix}events:seq`, `${o.prefix}events:epoch`];
	const [stream, , epochKey] = keys as [string, string, string];
	const clientOptions = {
		url: o.url,
		name: `hotline-wallboard:${o.prefix}`,
		// Fail fast while disconnected instead of queueing: ingest must answer 503, not hang.
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 2000,
			reconnectStrategy: (retries: number) => Math.min(RETRY_MIN_MS * 2 ** retries, RETRY_MAX_MS)
		}
	};
	const command: RedisClient = createClient(clientOptions);
	const reader: RedisClient = createClient(clientOptions);
	let lastError = '';
	for (const [name, c] of [
		['command', command],
		['reader', reader]
	] as const) {
		c.on('error', (err: Error) => {
			if (err.message !== lastError)
				o.logger.warn({ err: err.message, client: name }, 'redis error');
			lastError = err.message;
		});
	}
	await Promise.all([command.connect(), reader.connect()]);
	await drainLegacyStream();

	let stopped = false;
	let readerOk = true;
	/** The live state may lack events: resynchronise before the next read. */
	let needResync = true;
	let resyncing = false;
	/** Events stored but not announced (the script failed after the commit). */
	let owed = false;
	let knownEpoch = '';
	let lastN = 0;
	let lastId = '0-0';
	let loop: Promise<void> | undefined;
	let maintenance: NodeJS.Timeout | undefined;

	/**
	 * Earlier versions answered `200` with an event only in the stream and persisted it from
	 * there (consumer group `persist`): store whatever such a stream still holds, then drop it.
	 */
	async function drainLegacyStream(): Promise<void> {
		const groups = (await command
			.sendCommand(['XINFO', 'GROUPS', stream])
			.catch(() => [])) as unknown[];
		const legacy = groups.some((g) =>
			Array.isArray(g)
				? g.some((v, i) => i % 2 === 1 && g[i - 1] === 'name' && v === LEGACY_PERSIST_GROUP)
				: (g as Record<string, unknown>).name === LEGACY_PERSIST_GROUP
		);
		if (!legacy) return;
		let from = '-';
		let stored = 0;
		for (;;) {
			const entries = (await command.sendCommand([
				'XRANGE',
				stream,
				from,
				'+',
				'COUNT',
				String(READ_COUNT)
			])) as Entry[];
			if (entries.length === 0) break;
			const events = entries.map((e) => parseEntry(e).event).filter((e) => e !== null);
			stored += (await o.store.append(events, Date.now())).size;
			from = `(${entries[entries.length - 1]![0]}`;
		}
		await command.sendCommand(['XGROUP', 'DESTROY', stream, LEGACY_PERSIST_GROUP]);
		// Its entries have no numbers: a new stream starts, and every instance resynchronises.
		await command.sendCommand(['DEL', stream]);
		o.logger.info({ stored }, 'stored the stream of an earlier version; the stream starts again');
	}

	async function resync(handlers: LogHandlers): Promise<void> {
		resyncing = true;
		try {
			const [epoch, n, id] = (await reader.sendCommand([
				'EVAL',
				POSITION_SCRIPT,
				'3',
				...keys,
				newEpoch()
			])) as [string, string, string];
			await handlers.resync();
			knownEpoch = epoch;
			lastN = Number(n);
			lastId = id;
			needResync = false;
		} finally {
			resyncing = false;
		}
	}

	async function follow(handlers: LogHandlers): Promise<void> {
		while (!stopped) {
			try {
				if (needResync) {
					const started = Date.now();
					await resync(handlers);
					o.logger.info({ ms: Date.now() - started }, 'resynchronised from the database');
				}
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
				if (!readerOk) o.logger.info('shared event log reachable again');
				readerOk = true;
				const events: WallboardEvent[] = [];
				for (const entry of entriesOf(reply)) {
					const { event, n } = parseEntry(entry);
					if (n !== lastN + 1) {
						o.logger.warn(
							{ expected: lastN + 1, got: n },
							'entries of the shared event log were missed; resynchronising'
						);
						needResync = true;
						break;
					}
					lastN = n;
					lastId = entry[0];
					if (event) events.push(event);
				}
				if (events.length > 0) handlers.onEvents(events);
				if (needResync) continue;
				const epoch = await reader.get(epochKey);
				if (epoch !== knownEpoch) {
					o.logger.warn(
						{ epoch, known: knownEpoch },
						'the shared event log started again; resynchronising'
					);
					needResync = true;
				}
			} catch (err) {
				if (stopped) return;
				if (readerOk) o.logger.warn({ err: String(err) }, 'shared event log unreachable');
				readerOk = false;
				// What was announced meanwhile may be gone: start again from the database.
				needResync = true;
				await sleep(RETRY_MIN_MS * 5);
			}
		}
	}

	/** An announcement failed after the commit: a new epoch makes every instance resynchronise. */
	async function settleOwed(): Promise<void> {
		if (!owed || !command.isReady) return;
		try {
			await command.set(epochKey, newEpoch());
			owed = false;
			o.logger.info('announced a new epoch: every instance resynchronises');
		} catch (err) {
			o.logger.warn({ err: String(err) }, 'announcing a new epoch failed; retrying');
		}
	}

	return {
		kind: 'redis',
		async append(events, receivedAt, extra) {
			// Refuse before storing while Redis is known to be away: the sender re-sends anyway.
			if (!command.isReady) throw new Error('the shared event log is unreachable');
			const stored = await o.store.append(events, receivedAt, extra);
			if (stored.size === 0) return stored;
			const payloads = events.filter((e) => stored.has(e.id)).map((e) => JSON.stringify(e));
			try {
				await command.sendCommand([
					'EVAL',
					APPEND_SCRIPT,
					'3',
					...keys,
					String(TRIM_KEEP_MS),
					newEpoch(),
					...payloads
				]);
			} catch (err) {
				owed = true;
				throw err;
			}
			return stored;
		},
		async start(handlers) {
			await resync(handlers);
			loop = follow(handlers);
			maintenance = setInterval(() => void settleOwed(), MAINTENANCE_INTERVAL_MS);
		},
		healthy: () =>
			readerOk && !needResync && !resyncing && !owed && command.isReady && reader.isReady,
		async close() {
			stopped = true;
			clearInterval(maintenance);
			// The blocking read returns within BLOCK_MS; then the connections close.
			await loop?.catch(() => {});
			await Promise.allSettled([command.quit(), reader.quit()]);
		}
	};
}
