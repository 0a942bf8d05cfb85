/**
 * The metrics engine's per-event cost and snapshot cost: simulated peak days (seeded) applied to
 * a fresh engine, then snapshots at the end of the last day. Min and median of several runs in
 * one process; the engine is pruned as often as the server prunes it at a peak. `node --import tsx bench/engine.ts [events]` (default 400 000).
 */
import type { WallboardEvent } from '../src/lib/contract/events';
import { createMetrics, DEFAULT_METRICS_CONFIG } from '../src/lib/metrics';
import { simulateDay } from '../src/lib/server/ingest/simulator';

const target = Number(process.argv[2] ?? 400_000);
const RUNS = Number(process.env.RUNS ?? 5);
/** `PRUNE_EVERY=0` measures apply alone. */
const PRUNE_EVERY = Number(process.env.PRUNE_EVERY ?? 2400);
const start = Date.parse('2026-11-28T16:00:00Z'); // a Sunday 00:00 in Beijing
const events: WallboardEvent[] = [];
for (let day = 0; events.length < target; day++) {
	for (const e of simulateDay({ seed: 12345 + day, dayStart: start + day * 86_400_000, scale: 1 }))
		events.push(e);
}
events.length = target;
events.sort((a, b) => a.at - b.at);
const end = events[events.length - 1]!.at;

const stats = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return { min: s[0]!, median: s[Math.floor(s.length / 2)]! };
};
const applyNs: number[] = [];
const snapshotUs: number[] = [];
let districts = 0;
let topics = 0;
for (let run = 0; run < RUNS; run++) {
	const m = createMetrics(DEFAULT_METRICS_CONFIG);
	const t0 = performance.now();
	// Pruned every 2 400 events: the server prunes once a minute (live/index.ts), when a peak
	// hour brings ~40 events a second.
	for (let i = 0; i < events.length; i++) {
		const e = events[i]!;
		m.apply(e);
		if (PRUNE_EVERY > 0 && i % PRUNE_EVERY === PRUNE_EVERY - 1) m.prune(e.at);
	}
	applyNs.push(((performance.now() - t0) * 1e6) / events.length);
	const n = 200;
	const t1 = performance.now();
	let s;
	for (let i = 0; i < n; i++) s = m.snapshot(end + i * 1000);
	snapshotUs.push(((performance.now() - t1) * 1000) / n);
	const tickets = s?.tickets as { byDistrict?: object; topicsToday?: unknown[] } | undefined;
	districts = Object.keys(tickets?.byDistrict ?? {}).length;
	topics = tickets?.topicsToday?.length ?? 0;
}
const a = stats(applyNs);
const b = stats(snapshotUs);
console.log(
	`${events.length} events; apply ns/event min ${a.min.toFixed(0)} median ${a.median.toFixed(0)}; ` +
		`snapshot µs min ${b.min.toFixed(0)} median ${b.median.toFixed(0)} (${districts} districts, ${topics} topics)`
);
