/**
 * The ingest path every source uses (HTTP, the simulator, benchmarks): validate each event on
 * its own, drop duplicate ids, make the new ones durable, then apply them to the live metrics.
 */
import { parseEvent, type WallboardEvent } from '../../contract/events';
import type { AppendExtra } from '../db/store';
import { isBadLine } from './body';

export type Rejection = { index: number; id: string | null; errors: string[] };
export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[] };

export interface IngestDeps {
	/** Stores events whose id is new; resolves to the ids it stored once they are durable. */
	append(
		events: readonly WallboardEvent[],
		receivedAt: number,
		extra?: AppendExtra
	): Promise<Set<string>>;
	/** Called with the newly stored events, after they are durable. */
	apply(events: readonly WallboardEvent[]): void;
}

/** Validation and in-batch de-duplication: pure. */
export function validateBatch(
	items: readonly unknown[],
	now: number
): { events: WallboardEvent[]; inBatchDuplicates: number; rejected: Rejection[] } {
	const events: WallboardEvent[] = [];
	const rejected: Rejection[] = [];
	const seen = new Set<string>();
	let inBatchDuplicates = 0;
	items.forEach((item, index) => {
		if (isBadLine(item)) {
			rejected.push({ index, id: null, errors: [item.message] });
			return;
		}
		const result = parseEvent(item, now);
		if (!result.ok) {
			rejected.push({ index, id: result.id, errors: result.errors });
			return;
		}
		if (seen.has(result.event.id)) {
			inBatchDuplicates++;
			return;
		}
		seen.add(result.event.id);
		events.push(result.event);
	});
	return { events, inBatchDuplicates, rejected };
}

export async function ingest(
	deps: IngestDeps,
	items: readonly unknown[],
	now: number,
	/** Written with the events (a followed file's position): also when none of them is new. */
	extra?: AppendExtra
): Promise<IngestResult> {
	const { events, inBatchDuplicates, rejected } = validateBatch(items, now);
	if (events.length === 0 && extra?.position === undefined) {
		return { accepted: 0, duplicates: inBatchDuplicates, rejected };
	}
	const stored = await deps.append(events, now, extra);
	const fresh = stored.size === events.length ? events : events.filter((e) => stored.has(e.id));
	if (fresh.length > 0) deps.apply(fresh);
	return {
		accepted: fresh.length,
		duplicates: inBatchDuplicates + (events.length - fresh.length),
		rejected
	};
}
