/**
 * Step 2: ingest throughput with persistence — events accepted per second in batches of 1, 100
 * and 500 over HTTP (a few keep-alive connections), one event per POST over 4 and 16 connections
 * (how real ACDs send), and the same batches in-process through app.ingest (validation + store +
 * metrics, no HTTP) and store.append (the database alone). `httpOnly` skips the in-process part;
 * with a profile folder the one-event-per-POST runs are profiled on the server.
 */
import type { WallboardEvent } from '../src/lib/contract/events';
import { createApp } from '../src/lib/server/app';
import { openStore } from '../src/lib/server/db/store';
import { loadConfig } from '../src/lib/server/config';
import { createLogger } from '../src/lib/server/logger';
import { bodies } from './day';
import { closedLoad, createPoster } from './load';
import { createDatabase, startReal, TEST_INGEST_TOKEN, type Backend } from './servers';
import { clock, type Summary } from './stats';

export const BATCH_SIZES = [1, 100, 500] as const;
const CONCURRENCY = 4;
/** Connections for the one-event-per-POST runs. */
export const SINGLE_CONNECTIONS = [4, 16] as const;
/**
 * In-process batches go one at a time: the store serializes them anyway (PGlite is a single
 * connection), and several in flight at once were measured to be slower, not faster.
 */
const IN_PROCESS_CONCURRENCY = 1;

export type IngestFigures = {
	backend: Backend;
	concurrency: number;
	inProcessConcurrency: number;
	http: Record<number, HttpFigure>;
	/** One event per POST, by the number of connections. */
	singles: Record<number, HttpFigure>;
	appIngest: Record<number, { eventsPerSecond: number }>;
	storeAppend: Record<number, { eventsPerSecond: number }>;
};

type HttpFigure = {
	eventsPerSecond: number;
	accepted: number;
	failed: number;
	/** Failed POSTs by HTTP status (0: no answer). */
	failures?: Record<number, number>;
	response: Summary;
};

/** A cursor over the day's events that cycles with a fresh id prefix each lap. */
function eventSource(events: readonly WallboardEvent[], tag: string) {
	let i = 0;
	let lap = 0;
	return (n: number): WallboardEvent[] => {
		const out: WallboardEvent[] = [];
		while (out.length < n) {
			if (i >= events.length) {
				i = 0;
				lap++;
			}
			const e = events[i++] as WallboardEvent;
			out.push({ ...e, id: `${tag}${lap}-${e.id}` });
		}
		return out;
	};
}

async function inProcessLoop(
	run: (batch: WallboardEvent[]) => Promise<number>,
	take: (n: number) => WallboardEvent[],
	batch: number,
	seconds: number
): Promise<number> {
	const started = clock();
	const deadline = started + seconds * 1000;
	let accepted = 0;
	const lane = async () => {
		while (clock() < deadline) accepted += await run(take(batch));
	};
	await Promise.all(Array.from({ length: IN_PROCESS_CONCURRENCY }, lane));
	return accepted / ((clock() - started) / 1000);
}

export async function runIngest(o: {
	backend: Backend;
	events: readonly WallboardEvent[];
	seconds: number;
	inProcessSeconds: number;
	tempDir: () => string;
	log: (s: string) => void;
	httpOnly?: boolean;
	profileDir?: string;
}): Promise<IngestFigures> {
	const figures: IngestFigures = {
		backend: o.backend,
		concurrency: CONCURRENCY,
		inProcessConcurrency: IN_PROCESS_CONCURRENCY,
		http: {},
		singles: {},
		appIngest: {},
		storeAppend: {}
	};
	o.log(
		`ingest: ${o.backend} over HTTP, batches ${BATCH_SIZES.join(' / ')}, ${CONCURRENCY} connections`
	);
	const db = await createDatabase(o.backend, o.tempDir);
	try {
		const server = await startReal(db, {}, o.profileDir);
		const poster = createPoster(server.url, TEST_INGEST_TOKEN, Math.max(...SINGLE_CONNECTIONS));
		try {
			for (const batch of BATCH_SIZES) {
				const take = eventSource(o.events, `h${batch}-`);
				const r = await closedLoad(
					poster,
					() => JSON.stringify(take(batch)),
					CONCURRENCY,
					o.seconds
				);
				figures.http[batch] = {
					eventsPerSecond: r.accepted / r.seconds,
					accepted: r.accepted,
					failed: r.failed,
					failures: r.failures,
					response: r.response
				};
				o.log(`  batch ${batch}: ${Math.round(r.accepted / r.seconds)} events/s`);
			}
			for (const connections of SINGLE_CONNECTIONS) {
				const take = eventSource(o.events, `c${connections}-`);
				server.toggleProfile(); // with a profile folder: brackets this run
				const r = await closedLoad(poster, () => JSON.stringify(take(1)), connections, o.seconds);
				server.toggleProfile();
				figures.singles[connections] = {
					eventsPerSecond: r.accepted / r.seconds,
					accepted: r.accepted,
					failed: r.failed,
					failures: r.failures,
					response: r.response
				};
				o.log(
					`  1 event/POST, ${connections} connections: ${Math.round(r.accepted / r.seconds)} events/s, p50 ${r.response.p50.toFixed(1)} ms`
				);
			}
		} finally {
			poster.close();
			await server.stop();
		}
	} finally {
		await db.drop();
	}
	if (o.httpOnly) return figures;

	o.log(`ingest: ${o.backend} in-process (app.ingest, store.append)`);
	const db2 = await createDatabase(o.backend, o.tempDir);
	try {
		const config = loadConfig({
			...db2.env,
			DATA_DIR: db2.dataDir ?? '',
			INGEST_TOKEN: TEST_INGEST_TOKEN,
			SIMULATE: '0',
			LOG_LEVEL: 'warn'
		});
		const app = await createApp(config, { logger: createLogger('warn') });
		try {
			for (const batch of BATCH_SIZES) {
				const take = eventSource(o.events, `a${batch}-`);
				figures.appIngest[batch] = {
					eventsPerSecond: await inProcessLoop(
						async (b) => (await app.ingest(b)).accepted,
						take,
						batch,
						o.inProcessSeconds
					)
				};
			}
		} finally {
			await app.close();
		}
		// The database alone: a store of its own on the same database, once the app has let go.
		const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
		try {
			for (const batch of BATCH_SIZES) {
				const take = eventSource(o.events, `s${batch}-`);
				figures.storeAppend[batch] = {
					eventsPerSecond: await inProcessLoop(
						async (b) => (await store.append(b, Date.now())).size,
						take,
						batch,
						o.inProcessSeconds
					)
				};
			}
		} finally {
			await store.close();
		}
	} finally {
		await db2.drop();
	}
	return figures;
}

export { bodies };
