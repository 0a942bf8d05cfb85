/**
 * Step 4, the live-day half: wire sizes under the simulator with the day so far replayed
 * (SIMULATE=1, SIMULATE_BACKFILL=1) — a realistic snapshot with overdue tickets and every queue —
 * and the patch sizes and rate a client sees while the simulated hall follows the clock.
 */
import { ClientPool } from './clients';
import { createDatabase, startReal } from './servers';
import { sleep, summarize, waitUntil, zoneWithLocalHour, type Summary } from './stats';

/** Local time of the simulated hall: mid-morning, ~10 h of the peak day replayed first. */
const LOCAL_HOUR = 10;
const RESYNC_EVERY_MS = 2000;

export type WireFigures = {
	timezone: string;
	scale: number;
	backfillMs: number | null;
	backfillEvents: number | null;
	snapshotBytes: Summary;
	patchBytes: Summary;
	patchesPerSecond: number;
	overdueListLength: number;
	queues: number;
	seconds: number;
};

export async function runWire(o: {
	seconds: number;
	/** The simulated hall's size (1: a peak day; the smoke run uses a small hall). */
	scale?: number;
	tempDir: () => string;
	log: (s: string) => void;
}): Promise<WireFigures> {
	const timezone = zoneWithLocalHour(LOCAL_HOUR);
	o.log(
		`wire: simulated live day (scale ${o.scale ?? 1}, backfill to ~${LOCAL_HOUR}:00 in ${timezone}), ${o.seconds} s`
	);
	const db = await createDatabase('pglite', o.tempDir);
	try {
		const server = await startReal(db, {
			SIMULATE: '1',
			SIMULATE_BACKFILL: '1',
			SIMULATE_SCALE: String(o.scale ?? 1),
			WALLBOARD_TIMEZONE: timezone
		});
		const pool = new ClientPool(server.url);
		try {
			await waitUntil(
				'the simulator to catch up',
				() => server.output().includes('simulator caught up'),
				180_000,
				200
			);
			const line = server
				.output()
				.split('\n')
				.find((l) => l.includes('simulator caught up'));
			const caught = line ? (JSON.parse(line) as { ms?: number; events?: number }) : {};
			await sleep(1000);
			await pool.connect(1);
			pool.record();
			const started = performance.now();
			const socket = pool.sockets[0]!;
			let overdue = 0;
			let queues = 0;
			socket.on('snapshot', (s) => {
				overdue = s.tickets.overdueList.length;
				queues = Object.keys(s.calls.byQueue).length;
			});
			while (performance.now() - started < o.seconds * 1000) {
				await sleep(RESYNC_EVERY_MS);
				socket.emit('resync');
			}
			await sleep(300);
			const patches = pool.records[0]!.times.length;
			return {
				timezone,
				scale: o.scale ?? 1,
				backfillMs: caught.ms ?? null,
				backfillEvents: caught.events ?? null,
				snapshotBytes: summarize(pool.wire.snapshot),
				patchBytes: summarize(pool.wire.patch),
				patchesPerSecond: patches / ((performance.now() - started) / 1000),
				overdueListLength: overdue,
				queues,
				seconds: o.seconds
			};
		} finally {
			pool.close();
			await server.stop();
		}
	} finally {
		await db.drop();
	}
}
