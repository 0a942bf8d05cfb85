/**
 * `npm run bench -- --smoke`: every step at toy sizes, and what each must have produced. No
 * timing thresholds (CI machines are noisy): a step passes when it ran without error and its
 * figures are there — finite numbers, events accepted, patches delivered. `.ci/run` calls it so
 * that a step the code has broken fails CI instead of rotting unnoticed.
 */
import type { Results } from './report';
import type { Summary } from './stats';

/** The sizes of a smoke run: seconds, not minutes, for the whole of `npm run bench`. */
export const SMOKE = {
	clients: 10,
	rate: 20,
	seconds: 2,
	warmSeconds: 1,
	/** A peak day at 1/50 scale: ~8 k events, enough for every event type. */
	dayScale: 0.02,
	ingestSeconds: 1,
	inProcessSeconds: 0.3,
	wireSeconds: 3,
	wireScale: 0.05,
	browserSeconds: 3,
	boardSwitches: 20,
	historyYears: 5 / 365.25,
	historyRuns: 1
} as const;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const summaryOk = (s: Summary | undefined) => !!s && s.n > 0 && finite(s.p50) && finite(s.p99);

/** What is missing from a smoke run's results: empty when every step ran and gave its figures. */
export function smokeProblems(r: Results, steps: ReadonlySet<string>): string[] {
	const problems = [...r.errors.map((e) => `error: ${e.split('\n')[0]}`)];
	const need = (ok: boolean, what: string) => {
		if (!ok) problems.push(what);
	};
	if (steps.has('fanout')) {
		const f = r.fanout;
		need(!!f, 'fanout: no figures');
		if (f) {
			need(summaryOk(f.real.latency.all), 'fanout: no latency from the real server');
			need(f.real.load.accepted > 0, 'fanout: the real server accepted no events');
			need(f.real.latency.missing === 0, `fanout: ${f.real.latency.missing} events never seen`);
			need(finite(f.real.costs.cpuMsPer1000Messages), 'fanout: no server CPU per message');
			need(summaryOk(f.real.wire.patch), 'fanout: no patch sizes');
			need(summaryOk(f.realBatched.latency.all), 'fanout: no batched latency');
			need(summaryOk(f.baseline.latency.all), 'fanout: no baseline latency');
			need(summaryOk(f.baselinePerPost.latency.all), 'fanout: no per-POST baseline latency');
		}
	}
	if (steps.has('ingest')) {
		need((r.ingest?.length ?? 0) > 0, 'ingest: no figures');
		for (const g of r.ingest ?? []) {
			for (const [kind, table] of [
				['http', g.http],
				['app.ingest', g.appIngest],
				['store.append', g.storeAppend]
			] as const) {
				for (const batch of [1, 100, 500]) {
					const x = table[batch]?.eventsPerSecond;
					need(finite(x) && x > 0, `ingest ${g.backend}: ${kind} batch ${batch}: no events/s`);
				}
			}
			for (const c of [4, 16]) {
				const x = g.singles[c]?.eventsPerSecond;
				need(finite(x) && x > 0, `ingest ${g.backend}: 1 event/POST over ${c}: no events/s`);
			}
			const failed = [...Object.values(g.http), ...Object.values(g.singles)].reduce(
				(n, x) => n + x.failed,
				0
			);
			const byStatus: Record<string, number> = {};
			for (const x of [...Object.values(g.http), ...Object.values(g.singles)])
				for (const [status, n] of Object.entries(x.failures ?? {}))
					byStatus[status] = (byStatus[status] ?? 0) + n;
			need(
				failed === 0,
				`ingest ${g.backend}: ${failed} POSTs failed (by status: ${JSON.stringify(byStatus)})`
			);
		}
	}
	if (steps.has('replay')) {
		need((r.replay?.length ?? 0) > 0, 'replay: no figures');
		for (const x of r.replay ?? []) {
			need(x.accepted === x.events, `replay ${x.backend}: ${x.accepted} of ${x.events} accepted`);
			need(x.failed === 0, `replay ${x.backend}: ${x.failed} POSTs failed`);
			need(finite(x.restart.restoreLoggedMs), `replay ${x.backend}: restore time not logged`);
			need(x.loadLive.length > 0, `replay ${x.backend}: no loadLive figures`);
		}
	}
	if (steps.has('wire')) {
		const w = r.wire;
		need(!!w, 'wire: no figures');
		if (w) {
			need(summaryOk(w.snapshotBytes), 'wire: no snapshot sizes');
			need(summaryOk(w.patchBytes), 'wire: no patch sizes');
			need(w.patchesPerSecond > 0, 'wire: no patches');
		}
	}
	if (steps.has('boards')) {
		const b = r.boards;
		need(!!b, 'boards: no figures');
		if (b) {
			need(b.samples.length >= 2, 'boards: no heap/DOM samples across the switches');
			need(
				b.samples.every((s) => finite(s.heapMb) && s.domNodes > 0),
				'boards: a sample without heap or DOM figures'
			);
			need(b.pages.length === 2, `boards: ${b.pages.length} of 2 boards measured`);
			for (const p of b.pages) need(summaryOk(p.msPerUpdate), `boards ${p.path}: no ms per update`);
		}
	}
	if (steps.has('browser')) {
		const b = r.browser;
		need(!!b, 'browser: no figures');
		if (b) {
			need(b.skipped.length === 0, `browser: skipped ${b.skipped.join('; ')}`);
			need(b.pages.length === 2, `browser: ${b.pages.length} of 2 pages measured`);
			for (const p of b.pages) {
				need(p.patches > 0, `browser ${p.path}: no patches arrived`);
				need(summaryOk(p.msPerUpdate), `browser ${p.path}: no main-thread time per update`);
			}
		}
	}
	if (steps.has('history')) {
		const h = r.history;
		need(!!h, 'history: no figures (is PostgreSQL up?)');
		if (h) {
			need(h.queries.length > 0, 'history: no queries');
			for (const q of h.queries) need(summaryOk(q.roundTrip), `history ${q.name}: no round trip`);
		}
	}
	return problems;
}
