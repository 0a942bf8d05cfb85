/**
 * Source health: what each configured data source (a queue_log file, the FreeSWITCH event
 * socket, a named HTTP source or INGEST_TOKEN) last said about itself, for /admin, /metrics and
 * the wall's "数据源中断" line. A pure core (`reportTo`, `viewOf`, `staleOf`: time is an
 * argument) and a small stateful registry around it (`createSourceHealth`).
 *
 * How a source reports (the queue_log follower, the ESL client, the HTTP ingest path):
 *
 *   const reporter = health.source('queue-log:/var/log/asterisk/queue_log',
 *     { kind: 'queue-log-file', name: 'queue_log' });
 *   reporter.report({ state: 'following' });        // a state change
 *   reporter.report({ events: 12 });                // events (or lines) handled just now
 *   reporter.report({ alive: true });               // a sign of life without events (a heartbeat)
 *   reporter.report({ state: 'error', error: err }); // an error, with or without a state change
 *   // or by key, once registered: health.report(key, { events: 3 })
 *
 * Reporting is a few field writes and an array push, cheap enough for every request. A source
 * is stale when it has been seen (an event or a sign of life) and then nothing came for longer
 * than SOURCE_STALE_SECONDS, or when it has been in `error` that long. `quiet` is not reported:
 * it is how a `connected`/`following` source that has gone stale reads.
 */
import type { SourceKind, StaleSource } from '../../contract/protocol';

export type { SourceKind, StaleSource };

/** Reported states; `quiet` is derived (see the file comment). */
export type SourceState = 'connecting' | 'connected' | 'following' | 'waiting' | 'error';
export type SourceStateView = SourceState | 'quiet';

export type SourceReport = {
	state?: SourceState;
	/** Events (or lines) handled now; counted into the rate and the last event time. */
	events?: number;
	/** A sign of life without events: the link works (an ESL HEARTBEAT, a file still there). */
	alive?: boolean;
	/** An error to show (the state is unchanged unless `state` is given too); null clears it. */
	error?: string | Error | null;
};

export type SourceEntry = {
	kind: SourceKind;
	name: string;
	state: SourceState;
	/** Since when `state` holds (ms). */
	stateSince: number;
	lastEventAt: number | null;
	/** Last event or sign of life (ms). */
	lastSeenAt: number | null;
	lastError: string | null;
	lastErrorAt: number | null;
	/** Events per whole second of the last minute: [second, count], oldest first. */
	recent: Array<[number, number]>;
};

export type SourceView = {
	key: string;
	kind: SourceKind;
	name: string;
	state: SourceStateView;
	lastEventAt: number | null;
	eventsPerMinute: number;
	lastError: string | null;
	lastErrorAt: number | null;
	/** Since when the source is stale (ms), or null when it is not. */
	staleSince: number | null;
};

const RATE_WINDOW_S = 60;

export function newEntry(
	info: { kind: SourceKind; name: string; state?: SourceState },
	now: number
): SourceEntry {
	return {
		kind: info.kind,
		name: info.name,
		state: info.state ?? 'connecting',
		stateSince: now,
		lastEventAt: null,
		lastSeenAt: null,
		lastError: null,
		lastErrorAt: null,
		recent: []
	};
}

/** Applies a report to an entry, in place (the registry owns its entries). */
export function reportTo(entry: SourceEntry, report: SourceReport, now: number): void {
	if (report.state !== undefined && report.state !== entry.state) {
		entry.state = report.state;
		entry.stateSince = now;
	}
	if (report.error !== undefined) {
		entry.lastError = report.error === null ? null : messageOf(report.error);
		entry.lastErrorAt = report.error === null ? null : now;
	}
	const events = report.events ?? 0;
	if (events > 0) {
		const second = Math.floor(now / 1000);
		const last = entry.recent.at(-1);
		if (last && last[0] === second) last[1] += events;
		else entry.recent.push([second, events]);
		while (entry.recent.length > 0 && entry.recent[0]![0] <= second - RATE_WINDOW_S) {
			entry.recent.shift();
		}
		entry.lastEventAt = now;
	}
	if (events > 0 || report.alive) entry.lastSeenAt = now;
}

/** Events in the minute up to `now` (the seconds (now − 60 s, now]). */
export function eventsPerMinute(entry: SourceEntry, now: number): number {
	const second = Math.floor(now / 1000);
	let sum = 0;
	for (const [s, n] of entry.recent) if (s > second - RATE_WINDOW_S && s <= second) sum += n;
	return sum;
}

/** Since when the entry is stale at `now`, or null. */
export function staleOf(entry: SourceEntry, now: number, staleMs: number): number | null {
	if (entry.state === 'error' && now - entry.stateSince > staleMs) {
		// Since it stopped working: its last sign of life before the error, else the error.
		return Math.min(entry.lastSeenAt ?? entry.stateSince, entry.stateSince);
	}
	if (entry.lastSeenAt !== null && now - entry.lastSeenAt > staleMs) return entry.lastSeenAt;
	return null;
}

export function viewOf(key: string, entry: SourceEntry, now: number, staleMs: number): SourceView {
	const staleSince = staleOf(entry, now, staleMs);
	const quiet = staleSince !== null && (entry.state === 'connected' || entry.state === 'following');
	return {
		key,
		kind: entry.kind,
		name: entry.name,
		state: quiet ? 'quiet' : entry.state,
		lastEventAt: entry.lastEventAt,
		eventsPerMinute: eventsPerMinute(entry, now),
		lastError: entry.lastError,
		lastErrorAt: entry.lastErrorAt,
		staleSince
	};
}

/** The wall's list: stale sources by name, PII-free (a name, a kind, a time). */
export function staleList(views: readonly SourceView[]): StaleSource[] {
	return views
		.filter((v) => v.staleSince !== null)
		.map((v) => ({ name: v.name, kind: v.kind, since: new Date(v.staleSince!).toISOString() }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function messageOf(error: string | Error): string {
	const text = typeof error === 'string' ? error : error.message || error.name;
	return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

// ---- the registry ------------------------------------------------------------------------

export type SourceReporter = { report(report: SourceReport): void };

export interface SourceHealth {
	/** Registers a source (or returns the one under `key`; its name and kind are updated). */
	source(
		key: string,
		info: { kind: SourceKind; name: string; state?: SourceState }
	): SourceReporter;
	/** Reports for a registered key; an unknown key is ignored. */
	report(key: string, report: SourceReport): void;
	/** Every source's view now, by name. */
	list(): SourceView[];
	/** The stale sources now (what the wall shows). */
	stale(): StaleSource[];
	/** Called when the stale list changes (checked every second and on every report). */
	onStaleChange(listener: (stale: StaleSource[]) => void): void;
	close(): void;
}

export const STALE_CHECK_MS = 1000;

export function createSourceHealth(deps: { now: () => number; staleMs: number }): SourceHealth {
	const { now, staleMs } = deps;
	const entries = new Map<string, SourceEntry>();
	const listeners: Array<(stale: StaleSource[]) => void> = [];
	let lastStale = '[]';

	const list = () => {
		const t = now();
		return [...entries]
			.map(([key, entry]) => viewOf(key, entry, t, staleMs))
			.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
	};
	const stale = () => staleList(list());
	/** `since` does not move while a source stays stale, so equal text means no change. */
	const check = () => {
		const current = stale();
		const text = JSON.stringify(current);
		if (text === lastStale) return;
		lastStale = text;
		for (const listener of listeners) listener(current);
	};
	const timer = setInterval(check, STALE_CHECK_MS);
	timer.unref();

	const report = (key: string, r: SourceReport) => {
		const entry = entries.get(key);
		if (!entry) return;
		const wasStale = staleOf(entry, now(), staleMs) !== null;
		reportTo(entry, r, now());
		// Recovery shows at once; going stale is found by the timer.
		if (wasStale && staleOf(entry, now(), staleMs) === null) check();
	};

	return {
		source(key, info) {
			const entry = entries.get(key);
			if (entry) {
				entry.kind = info.kind;
				entry.name = info.name;
			} else {
				entries.set(key, newEntry(info, now()));
			}
			return { report: (r) => report(key, r) };
		},
		report,
		list,
		stale,
		onStaleChange(listener) {
			listeners.push(listener);
		},
		close() {
			clearInterval(timer);
			listeners.length = 0;
		}
	};
}
