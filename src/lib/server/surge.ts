/**
 * The surge watch (early warning of ticket clusters, docs/contract.md §7 `tickets.surges`): every
 * minute it counts the tickets created within (now − 1 h, now] from the event store (by district
 * and topic, the counting ticket.created of each ticket, as rules.ts chooses it), reads the same
 * window of the last four weeks and yesterday's day so far from the hourly rollup, and runs the
 * rule (metrics/surge.ts, metrics/surge-scan.ts) over every district, topic and district × topic.
 *
 * What it finds goes two ways: as alert breaches of metric `surge` (the alert service raises,
 * updates and clears them like the threshold alerts) and as `tickets.surges` on the snapshot,
 * which marks the map; `tickets.topicsYesterday` carries the 环比 base of today's topics.
 * Reading the store rather than the live engine makes every instance see the same counts.
 */
import { sql } from 'drizzle-orm';
import type { LiveSnapshot, Surge } from '../contract';
import { alertKey, SURGE_METRIC, surgeScope, type Breach } from '../metrics/alerts';
import { createLocalSlot } from '../metrics/local-slot';
import {
	baselineSlots,
	HOUR_MS,
	scanSurges,
	yesterdaySoFar,
	type HourCell,
	type LastHourCell,
	type SurgeFinding
} from '../metrics/surge-scan';
import type { Executor } from './db/history';
import type { Logger } from './logger';

export type SurgeWatchDeps = {
	db: Executor;
	timezone: string;
	now: () => number;
	logger: Logger;
	/** Scan period (SURGE_SCAN_SECONDS, a minute by default). */
	intervalMs: number;
	/** The scan's result changed: push a snapshot. */
	onChange: () => void;
};

export interface SurgeWatch {
	/** One scan (the timer runs it every minute; tests call it directly; see below). */
	scan(): Promise<void>;
	/** The breaches of the last scan; null before the first. */
	breaches(): Breach[] | null;
	/** Adds `tickets.surges` and `tickets.topicsYesterday` to a snapshot. */
	extend(snapshot: LiveSnapshot): LiveSnapshot;
	start(): void;
	close(): Promise<void>;
}

function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

/** Tickets whose counting ticket.created lies within (from, to], by district and topic. */
async function lastHourCells(db: Executor, from: number, to: number): Promise<LastHourCell[]> {
	const lo = new Date(from).toISOString();
	const hi = new Date(to).toISOString();
	const rows = rowsOf<{ district: string; topic: string; n: number }>(
		await db.execute(sql`
			select district, topic, count(*)::int as n from (
				select distinct on (entity) at, payload->>'district' as district,
					coalesce(payload->>'topic', '') as topic
				from events
				where type = 'ticket.created' and entity in (
					select entity from events
					where type = 'ticket.created' and at > ${lo}::timestamptz and at <= ${hi}::timestamptz)
				order by entity, at, id
			) as c
			where at > ${lo}::timestamptz and at <= ${hi}::timestamptz
			group by district, topic`)
	);
	return rows.map((r) => ({ district: r.district, topic: r.topic, count: Number(r.n) }));
}

/** The hourly rollup of these days, summed over shards. */
async function hourCells(db: Executor, days: readonly string[]): Promise<HourCell[]> {
	if (days.length === 0) return [];
	const rows = rowsOf<HourCell>(
		await db.execute(sql`
			select day::text as day, hour, district, topic, sum(created)::int as created
			from history_tickets_hourly
			where day = any(${`{${days.join(',')}}`}::date[])
			group by day, hour, district, topic`)
	);
	return rows.map((r) => ({ ...r, hour: Number(r.hour), created: Number(r.created) }));
}

export function createSurgeWatch(deps: SurgeWatchDeps): SurgeWatch {
	const { db, now, logger } = deps;
	const slotOf = createLocalSlot(deps.timezone);
	let findings: SurgeFinding[] | null = null;
	let topicsYesterday: Record<string, number> = {};
	let lastJson = '';
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let closed = false;

	async function run(): Promise<void> {
		const at = now();
		const slots = baselineSlots(at, slotOf);
		const yesterday = slotOf(at - 24 * HOUR_MS).day;
		const days = [...new Set([...slots.map((s) => s.day), yesterday])].sort();
		const [cells, history] = await Promise.all([
			lastHourCells(db, at - HOUR_MS, at),
			hourCells(db, days)
		]);
		// Without any hourly history in the baseline weeks (a new installation, or history seeded
		// by `seed:history`, which writes no hourly rows) every busy district would look like a
		// surge against the floor of 0.5: the watch then waits for history instead.
		const baselineDays = new Set(slots.map((s) => s.day));
		const hasBaseline = history.some((c) => baselineDays.has(c.day));
		findings = hasBaseline ? scanSurges(cells, history, slots) : [];
		topicsYesterday = yesterdaySoFar(at, slotOf, history);
		const json = JSON.stringify([findings.map(({ pValue: _p, ...f }) => f), topicsYesterday]);
		if (json !== lastJson) {
			lastJson = json;
			const raised = findings.filter((f) => f.level === 'bad');
			if (raised.length > 0) logger.info({ surges: raised }, 'ticket surges');
			deps.onChange();
		}
	}

	/** One scan at a time; a call during a scan waits for it, then scans again (fresh data). */
	function scan(): Promise<void> {
		const next = (running ?? Promise.resolve())
			.then(run)
			.catch((err: unknown) => logger.warn({ err }, 'surge scan failed; retrying next minute'))
			.finally(() => {
				if (running === next) running = undefined;
			});
		running = next;
		return next;
	}

	return {
		scan,
		breaches: () =>
			findings?.map((f) => {
				const scope = surgeScope(f.district, f.topic);
				return {
					key: alertKey(SURGE_METRIC, scope),
					metric: SURGE_METRIC,
					scope,
					level: f.level,
					value: f.count
				};
			}) ?? null,
		extend(snapshot) {
			if (findings === null) return snapshot;
			const surges: Surge[] = findings
				.filter((f) => f.level === 'bad')
				.map(({ district, topic, count, expected }) =>
					topic === undefined ? { district, count, expected } : { district, topic, count, expected }
				);
			const topics = snapshot.tickets.topicsToday;
			const base =
				topics === undefined
					? topicsYesterday
					: Object.fromEntries(topics.map((t) => [t.topic, topicsYesterday[t.topic] ?? 0]));
			return {
				...snapshot,
				tickets: { ...snapshot.tickets, surges, topicsYesterday: base }
			};
		},
		start() {
			if (timer || closed) return;
			void scan();
			timer = setInterval(() => {
				if (running === undefined) void scan();
			}, deps.intervalMs);
		},
		async close() {
			closed = true;
			clearInterval(timer);
			timer = undefined;
			await running;
		}
	};
}
