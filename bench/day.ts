/**
 * One simulated peak day (seeded, ~56 k calls), shared by the ingest and replay steps. The day
 * ends now: it starts 24 h ago, and only events that have happened by now are kept (follow-ups of
 * tickets — feedback, surveys — that lie in the future would be rejected by the API, as they
 * should be). Every call of the day is then inside the live window a restart restores.
 */
import type { WallboardEvent } from '../src/lib/contract/events';
import { simulateDay } from '../src/lib/server/ingest/simulator';

export type PeakDay = { events: WallboardEvent[]; generated: number; dayStart: number; ms: number };

export function peakDay(now = Date.now(), scale = 1): PeakDay {
	const started = performance.now();
	const dayStart = now - 86_400_000;
	const all = simulateDay({ seed: 12345, dayStart, scale });
	const events = all.filter((e) => e.at <= now);
	return { events, generated: all.length, dayStart, ms: performance.now() - started };
}

/** JSON array bodies of `size` events each; ids get `prefix` so several runs never collide. */
export function* bodies(
	events: readonly WallboardEvent[],
	size: number,
	prefix = ''
): Generator<string> {
	for (let i = 0; i < events.length; i += size) {
		const slice = events.slice(i, i + size);
		yield JSON.stringify(prefix ? slice.map((e) => ({ ...e, id: prefix + e.id })) : slice);
	}
}
