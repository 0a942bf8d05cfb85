/**
 * Step 3: one simulated peak day pushed through the HTTP ingest path as fast as it goes, then
 * the server restarted with that day stored: spawn → /readyz 200, and the restore time the
 * server logs ("live state restored", ms).
 */
import type { WallboardEvent } from '../src/lib/contract/events';
import { bodies } from './day';
import { closedLoad, createPoster } from './load';
import { LIVE_WINDOW_MS, SURVEY_WINDOW_MS } from '../src/lib/metrics';
import { openStore } from '../src/lib/server/db/store';
import {
	createDatabase,
	startReal,
	TEST_INGEST_TOKEN,
	type Backend,
	type Database
} from './servers';
import { clock } from './stats';

const BATCH = 1000;
const CONCURRENCY = 4;

export type ReplayFigures = {
	backend: Backend;
	events: number;
	batch: number;
	concurrency: number;
	accepted: number;
	failed: number;
	wallSeconds: number;
	eventsPerSecond: number;
	restart: {
		spawnToReadyMs: number;
		restoreLoggedMs: number | null;
		restoredEvents: number | null;
	};
	/** store.loadLive alone, in-process, with the day stored: the restore query's share. */
	loadLive: Array<{ windowHours: number; ms: number; events: number }>;
};

/** The restore query alone (as scripts/measure-store.ts measured it): live window and 10 h. */
async function timeLoadLive(db: Database): Promise<ReplayFigures['loadLive']> {
	const store = await openStore({ databaseUrl: db.env.DATABASE_URL, dataDir: db.dataDir ?? '' });
	try {
		const out: ReplayFigures['loadLive'] = [];
		for (const liveWindowMs of [LIVE_WINDOW_MS, 10 * 3_600_000]) {
			const started = clock();
			const events = await store.loadLive(Date.now(), {
				liveWindowMs,
				surveyWindowMs: SURVEY_WINDOW_MS
			});
			out.push({
				windowHours: liveWindowMs / 3_600_000,
				ms: clock() - started,
				events: events.length
			});
		}
		return out;
	} finally {
		await store.close();
	}
}

export async function runReplay(o: {
	backend: Backend;
	events: readonly WallboardEvent[];
	tempDir: () => string;
	log: (s: string) => void;
	profileDir?: string;
}): Promise<ReplayFigures> {
	o.log(
		`replay: ${o.events.length} events on ${o.backend}, batches of ${BATCH}, ${CONCURRENCY} at a time`
	);
	const db = await createDatabase(o.backend, o.tempDir);
	try {
		const server = await startReal(db, {}, o.profileDir);
		const poster = createPoster(server.url, TEST_INGEST_TOKEN, CONCURRENCY);
		let load;
		try {
			const iterator = bodies(o.events, BATCH);
			server.toggleProfile();
			load = await closedLoad(poster, () => iterator.next().value ?? undefined, CONCURRENCY, 600);
			server.toggleProfile();
		} finally {
			poster.close();
			await server.stop();
		}
		o.log(`  ${Math.round(load.seconds * 10) / 10} s; restarting`);
		const spawned = clock();
		const again = await startReal(db, {});
		const spawnToReadyMs = clock() - spawned;
		let restart: ReplayFigures['restart'];
		try {
			const line = again
				.output()
				.split('\n')
				.find((l) => l.includes('"live state restored"'));
			const logged = line ? (JSON.parse(line) as { ms?: number; events?: number }) : null;
			restart = {
				spawnToReadyMs,
				restoreLoggedMs: logged?.ms ?? null,
				restoredEvents: logged?.events ?? null
			};
		} finally {
			await again.stop();
		}
		return {
			backend: o.backend,
			events: o.events.length,
			batch: BATCH,
			concurrency: CONCURRENCY,
			accepted: load.accepted,
			failed: load.failed,
			wallSeconds: load.seconds,
			eventsPerSecond: load.accepted / load.seconds,
			restart,
			loadLive: await timeLoadLive(db)
		};
	} finally {
		await db.drop();
	}
}
