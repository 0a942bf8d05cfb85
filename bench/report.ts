/** The results of one run (bench/results.json) and the table printed from them. */
import type { BrowserFigures, PageFigures } from './browser';
import type { BoardsFigures } from './boards';
import type { PeakDay } from './day';
import type { FanoutFigures } from './fanout';
import type { HistoryFigures } from './history';
import type { IngestFigures } from './ingest';
import type { ReplayFigures } from './replay';
import { fmt, type Summary } from './stats';
import type { WireFigures } from './wire';

export type Results = {
	machine: { cores: number; cpu: string; node: string; memoryGb: number; date: string };
	options: {
		clients: number;
		rate: number;
		seconds: number;
		minutes: number;
		full: boolean;
		smoke?: boolean;
	};
	notes: string[];
	errors: string[];
	/** Share of the CPUs busy with other processes in the second before each step. */
	otherLoad: Record<string, number>;
	fanout?: FanoutFigures;
	ingest?: IngestFigures[];
	day?: Omit<PeakDay, 'events'> & { events: number };
	replay?: ReplayFigures[];
	wire?: WireFigures;
	browser?: BrowserFigures;
	boards?: BoardsFigures;
	history?: HistoryFigures;
};

type Row = [step: string, figure: string, value: string, target?: string, verdict?: string];

const pct = (s: Summary) =>
	`${fmt(s.p50)} / ${fmt(s.p90)} / ${fmt(s.p99)} / ${fmt(s.p999)} / ${fmt(s.max)} ms`;

/** "met (3.2× better)" / "missed by 12 ms": how a figure stands against an upper/lower bound. */
function verdict(value: number, bound: number, unit: string, lowerIsBetter = true): string {
	if (!Number.isFinite(value)) return '–';
	const ok = lowerIsBetter ? value <= bound : value >= bound;
	const factor = lowerIsBetter ? bound / value : value / bound;
	if (ok) return `met (${fmt(factor, 2)}× margin)`;
	return `MISSED by ${fmt(Math.abs(value - bound))} ${unit} (${fmt(1 / factor, 2)}×)`;
}

/** The rows of one page measured by bench/browser.ts measurePage (browser and boards steps). */
function pageRows(s: string, p: PageFigures): Row[] {
	const out: Row[] = [];
	out.push([
		s,
		`${p.path}: main-thread ms per update, median / p95 (${p.patches} updates in ${fmt(p.seconds)} s)`,
		`${fmt(p.msPerUpdate.p50)} / ${fmt(p.msPerUpdate.p95)} ms`,
		'≤ 4 ms',
		verdict(p.msPerUpdate.p50, 4, 'ms')
	]);
	out.push([
		s,
		`${p.path}: mean per update: all tasks / script / style+layout`,
		`${fmt(p.meanMsPerUpdate)} / ${fmt(p.scriptMsPerUpdate)} / ${fmt(p.layoutAndStyleMsPerUpdate)} ms`
	]);
	out.push([
		s,
		`${p.path}: JS heap start → after ${fmt(p.seconds / 60)} min → after GC`,
		`${fmt(p.heapStartMb)} → ${fmt(p.heapEndMb)} → ${fmt(p.heapAfterGcMb)} MB`
	]);
	if (p.trace) {
		const parts = Object.entries(p.trace)
			.sort((a, b) => b[1] - a[1])
			.map(([k, v]) => `${k} ${fmt(v)}`);
		out.push([
			s,
			`${p.path}: trace, main-thread ms per update by event (nested)`,
			parts.join(', ')
		]);
	}
	return out;
}

export function rows(r: Results): Row[] {
	const out: Row[] = [];
	const f = r.fanout;
	if (f) {
		const s = `1 fan-out (${f.clients} clients, ${f.rate} ev/s, ${f.seconds} s)`;
		const real = f.real.latency;
		const base = f.baseline.latency;
		out.push([s, 'real server, 1 event/POST: p50 / p90 / p99 / p99.9 / max', pct(real.all)]);
		out.push([s, 'baseline (bare Socket.IO, same coalescing)', pct(base.all)]);
		out.push([s, 'ratio of p99s, real / baseline', `${fmt(f.ratioP99)}×`]);
		out.push([
			s,
			'real p99',
			`${fmt(real.all.p99)} ms`,
			'≤ 25 ms',
			verdict(real.all.p99, 25, 'ms')
		]);
		out.push([
			s,
			'real p99 vs 2 × baseline p99 + 5 ms',
			`${fmt(real.all.p99)} ms`,
			`≤ ${fmt(2 * base.all.p99 + 5)} ms`,
			verdict(real.all.p99, 2 * base.all.p99 + 5, 'ms')
		]);
		out.push([s, 'real, net of the 10/s cap’s wait: p50 / p90 / p99 / p99.9 / max', pct(real.net)]);
		out.push([s, 'baseline, net of the cap’s wait', pct(base.net)]);
		out.push([
			s,
			'real net p99',
			`${fmt(real.net.p99)} ms`,
			'≤ 25 ms',
			verdict(real.net.p99, 25, 'ms')
		]);
		out.push([
			s,
			'real net p99 vs 2 × baseline net p99 + 5 ms',
			`${fmt(real.net.p99)} ms`,
			`≤ ${fmt(2 * base.net.p99 + 5)} ms`,
			verdict(real.net.p99, 2 * base.net.p99 + 5, 'ms')
		]);
		out.push([
			s,
			`real, batched (${f.realBatched.batch} events/POST, 10 POST/s)`,
			pct(f.realBatched.latency.all)
		]);
		out.push([
			s,
			'baseline broadcasting per POST (uncoalesced, 200 msg/s/client)',
			pct(f.baselinePerPost.latency.all)
		]);
		out.push([
			s,
			'patches per client per second: mean / most in any 1 s as received / as pushed (by `at`); shortest gap between pushes',
			`${fmt(real.patchesPerClientPerSecond)} / ${real.maxPatchesInOneSecond} / ${real.maxPushesInOneSecond}; ${fmt(real.minPushGapMs)} ms`,
			'≤ 10',
			// The contract's limit is a count per second: judged on the pushes (by their `at`) in every
			// 1 s window. The mean is shown for information: over a run held exactly at the limit its
			// fenceposts can put it a hair above 10.
			real.maxPushesInOneSecond <= 10 ? 'met' : 'MISSED'
		]);
		out.push([
			s,
			'resyncs / (event, client) pairs never seen',
			`${real.resyncs} / ${real.missing} (of ${fmt(real.all.n)} pairs)`,
			'0 / 0',
			real.resyncs === 0 && real.missing === 0 ? 'met' : 'MISSED'
		]);
		out.push([
			s,
			'events accepted / failed POSTs; generator lag p99',
			`${f.real.load.accepted} / ${f.real.load.failed}; ${fmt(f.real.load.lag.p99)} ms`
		]);
		out.push([s, 'connecting the clients', `${fmt(f.connectMs / 1000)} s`]);
	}
	for (const g of r.ingest ?? []) {
		const s = `2 ingest, ${g.backend}`;
		const http = [1, 100, 500].map((b) => fmt(g.http[b]?.eventsPerSecond)).join(' / ');
		const failed = Object.values(g.http).reduce((n, x) => n + x.failed, 0);
		out.push([
			s,
			`HTTP, ${g.concurrency} connections, batch 1 / 100 / 500`,
			`${http} events/s${failed ? ` (${failed} POSTs FAILED)` : ''}`
		]);
		const singles = Object.entries(g.singles ?? {})
			.map(([c, x]) => `${c}: ${fmt(x.eventsPerSecond)} events/s (p50 ${fmt(x.response.p50)} ms)`)
			.join('; ');
		if (singles) out.push([s, 'HTTP, 1 event per POST, by connections', singles]);
		const best = Math.max(...Object.values(g.http).map((x) => x.eventsPerSecond));
		out.push([
			s,
			'best HTTP rate',
			`${fmt(best)} events/s`,
			'≥ 20,000 events/s',
			verdict(best, 20_000, 'events/s', false)
		]);
		const app = [1, 100, 500].map((b) => fmt(g.appIngest[b]?.eventsPerSecond)).join(' / ');
		out.push([
			s,
			'in-process app.ingest (validate+store+apply), batch 1 / 100 / 500',
			`${app} events/s`
		]);
		const store = [1, 100, 500].map((b) => fmt(g.storeAppend[b]?.eventsPerSecond)).join(' / ');
		out.push([s, 'in-process store.append alone, batch 1 / 100 / 500', `${store} events/s`]);
	}
	if (r.day) {
		out.push([
			'3 replay',
			'peak day (seed 12345, scale 1, the 24 h up to now)',
			`${fmt(r.day.events)} events (${fmt(r.day.generated)} simulated; later follow-ups not yet due), generated in ${fmt(r.day.ms / 1000)} s`
		]);
	}
	for (const p of r.replay ?? []) {
		const s = `3 replay, ${p.backend}`;
		out.push([
			s,
			`HTTP, batches of ${p.batch}, ${p.concurrency} at a time: wall time`,
			`${fmt(p.wallSeconds)} s (${fmt(p.eventsPerSecond)} events/s, ${p.failed} failed)`,
			'≤ 10 s',
			p.accepted === p.events ? verdict(p.wallSeconds, 10, 's') : 'INVALID: not all accepted'
		]);
		out.push([
			s,
			'restart with the day stored: spawn → /readyz 200',
			`${fmt(p.restart.spawnToReadyMs / 1000)} s`,
			'≤ 10 s',
			verdict(p.restart.spawnToReadyMs / 1000, 10, 's')
		]);
		out.push([
			s,
			'"live state restored" (server log: open store + load + apply)',
			`${fmt((p.restart.restoreLoggedMs ?? NaN) / 1000)} s, ${fmt(p.restart.restoredEvents)} events`
		]);
		for (const l of p.loadLive) {
			out.push([
				s,
				`store.loadLive alone (in-process), ${l.windowHours} h window`,
				`${fmt(l.ms / 1000)} s, ${fmt(l.events)} events`
			]);
		}
	}
	const w = r.wire;
	if (f) {
		const s = '4 wire & host';
		out.push([
			s,
			'patch bytes during fan-out: median / p99',
			`${fmt(f.real.wire.patch.p50)} / ${fmt(f.real.wire.patch.p99)} B`,
			'median ≤ 512 B',
			verdict(f.real.wire.patch.p50, 512, 'B')
		]);
		out.push([
			s,
			'snapshot bytes, fan-out server (bench queue only)',
			`${fmt(f.real.wire.snapshot.p50)} B`
		]);
		out.push([
			s,
			'server CPU per 1,000 delivered messages: real / baseline',
			`${fmt(f.real.costs.cpuMsPer1000Messages)} / ${fmt(f.baseline.costs.cpuMsPer1000Messages)} ms`
		]);
		out.push([
			s,
			'RSS per connected client: real / baseline',
			`${fmt(f.real.costs.rssPerClientKb)} / ${fmt(f.baseline.costs.rssPerClientKb)} KB`
		]);
		out.push([
			s,
			'RSS with 0 clients → N clients: real / baseline',
			`${fmt(f.real.costs.rssIdleMb)} → ${fmt(f.real.costs.rssWithClientsMb)} MB / ${fmt(f.baseline.costs.rssIdleMb)} → ${fmt(f.baseline.costs.rssWithClientsMb)} MB`
		]);
		out.push([
			s,
			'event-loop delay p99 under load (real)',
			`${fmt(f.real.costs.eventLoopLagP99Ms)} ms`
		]);
	}
	if (w) {
		const s = `4 wire, live day (scale ${w.scale})`;
		out.push([
			s,
			'snapshot bytes: median / max',
			`${fmt(w.snapshotBytes.p50)} / ${fmt(w.snapshotBytes.max)} B (${w.overdueListLength} overdue rows, ${w.queues} queues)`,
			'≤ 32 KB',
			verdict(w.snapshotBytes.max, 32_768, 'B')
		]);
		out.push([
			s,
			'patch bytes: median / p99 / max',
			`${fmt(w.patchBytes.p50)} / ${fmt(w.patchBytes.p99)} / ${fmt(w.patchBytes.max)} B`,
			'median ≤ 512 B',
			verdict(w.patchBytes.p50, 512, 'B')
		]);
		out.push([
			s,
			'patches per client per second',
			fmt(w.patchesPerSecond),
			'≤ 10',
			w.patchesPerSecond <= 10 ? 'met' : 'MISSED'
		]);
		out.push([
			s,
			'day so far replayed by the simulator at start',
			`${fmt(w.backfillEvents)} events in ${fmt((w.backfillMs ?? NaN) / 1000)} s`
		]);
	}
	const b = r.browser;
	if (b) {
		const s = `5 browser (3840×2160, scale ${b.scale})`;
		if (b.snapshotBytes !== null) {
			out.push([
				s,
				'snapshot bytes (overdue list full: 50 rows)',
				`${fmt(b.snapshotBytes)} B`,
				'≤ 32 KB',
				verdict(b.snapshotBytes, 32_768, 'B')
			]);
		}
		for (const p of b.pages) out.push(...pageRows(s, p));
		for (const k of b.skipped) out.push([s, 'skipped', k]);
	}
	const bd = r.boards;
	if (bd) {
		const s = `5b boards (3840×2160, ${bd.switches} switches)`;
		const first = bd.samples[0];
		const last = bd.samples.at(-1);
		if (first && last) {
			out.push([
				s,
				'JS heap after GC / DOM nodes / listeners, before → after the switches',
				`${fmt(first.heapMb)} → ${fmt(last.heapMb)} MB / ${fmt(first.domNodes)} → ${fmt(last.domNodes)} / ${first.listeners} → ${last.listeners}`,
				'flat (no leak)',
				last.domNodes <= first.domNodes * 1.05 && last.listeners <= first.listeners
					? 'met'
					: 'MISSED (grows)'
			]);
			out.push([
				s,
				'heap after GC at each sample (MB)',
				bd.samples.map((x) => `${x.switches}: ${fmt(x.heapMb)}`).join(', ')
			]);
		}
		out.push([s, 'ms per switch (assignment sent → new board drawn)', `${fmt(bd.msPerSwitch)} ms`]);
		for (const p of bd.pages) out.push(...pageRows(s, p));
	}
	const h = r.history;
	if (h) {
		const s = `6 history, postgres (${h.years} years)`;
		out.push([
			s,
			'seeded rollups (npm run seed:history generator)',
			`${fmt(h.calls / 1e6)} M calls, ${fmt(h.tickets / 1e6)} M tickets, ${h.rows.toLocaleString('en-US')} rows in ${fmt(h.seedSeconds)} s`
		]);
		for (const q of h.queries) {
			out.push([
				s,
				`${q.name}: HTTP round trip p50 / p95 (server queryMs p50 / p95), ${h.runs} runs`,
				`${fmt(q.roundTrip.p50)} / ${fmt(q.roundTrip.p95)} ms (${q.queryMs ? `${fmt(q.queryMs.p50)} / ${fmt(q.queryMs.p95)}` : '–'} ms)`,
				'≤ 100 ms',
				verdict(q.roundTrip.p95, 100, 'ms')
			]);
		}
	}
	return out;
}

export function table(r: Results): string {
	const lines = [
		`Machine: ${r.machine.cores} cores, ${r.machine.cpu}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; ${r.machine.date}`,
		'',
		'| step | figure | value | target | verdict |',
		'| --- | --- | --- | --- | --- |',
		...rows(r).map(([a, b, c, d, e]) => `| ${a} | ${b} | ${c} | ${d ?? ''} | ${e ?? ''} |`)
	];
	for (const n of r.notes) lines.push(`- note: ${n}`);
	for (const e of r.errors) lines.push(`- ERROR: ${e.split('\n')[0]}`);
	return lines.join('\n');
}
