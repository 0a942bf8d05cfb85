/**
 * Property: folding a scenario's events in through retract-and-reapply, in any order, any
 * chunking, with any duplicates, gives the same rollups as computing every entity's contribution
 * once from all its events (what the backfill does).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import { scenarioArb, chunked } from '../../../tests/fixtures/history-scenario';
import { DEFAULT_METRICS_CONFIG } from './config';
import { createRollup, reapply, RollupDelta } from './rollup';

const rollup = createRollup({
	...DEFAULT_METRICS_CONFIG,
	serviceLevelTargetByQueueMs: { water: 30_000 }
});

const kindOf = (e: WallboardEvent) => (e.type.startsWith('call.') ? 'call' : 'ticket');
const entityOf = (e: WallboardEvent) =>
	'callId' in e ? `c:${e.callId}` : 'ticketId' in e ? `t:${e.ticketId}` : null;

function fromScratch(events: readonly WallboardEvent[]): RollupDelta {
	const byEntity = new Map<string, WallboardEvent[]>();
	const seen = new Set<string>();
	for (const e of events) {
		const key = entityOf(e);
		if (key === null || seen.has(e.id)) continue;
		seen.add(e.id);
		byEntity.set(key, [...(byEntity.get(key) ?? []), e]);
	}
	const delta = new RollupDelta();
	for (const list of byEntity.values()) reapply(delta, rollup, kindOf(list[0]!), list, () => true);
	return delta;
}

/** What the store does: insert the chunk's new ids, reapply the touched entities. */
function incrementally(chunks: readonly (readonly WallboardEvent[])[]): RollupDelta {
	const stored = new Map<string, WallboardEvent[]>();
	const ids = new Set<string>();
	const total = new RollupDelta();
	for (const chunk of chunks) {
		const fresh = new Set<string>();
		const touched = new Set<string>();
		for (const e of chunk) {
			const key = entityOf(e);
			if (key === null || ids.has(e.id)) continue;
			ids.add(e.id);
			fresh.add(e.id);
			touched.add(key);
			stored.set(key, [...(stored.get(key) ?? []), e]);
		}
		for (const key of touched) {
			const list = stored.get(key)!;
			reapply(total, rollup, kindOf(list[0]!), list, (e) => fresh.has(e.id));
		}
	}
	return total;
}

describe('rollups are independent of arrival order and chunking', () => {
	it('any permutation, chunking and duplicates equal the from-scratch sums', () => {
		fc.assert(
			fc.property(
				scenarioArb.chain((events) =>
					fc.tuple(
						fc.constant(events),
						fc.shuffledSubarray(events, { minLength: events.length }),
						fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }),
						fc.array(fc.nat({ max: Math.max(0, events.length - 1) }), { maxLength: 5 })
					)
				),
				([events, shuffled, sizes, dupes]) => {
					const withDupes = [...shuffled, ...dupes.map((i) => events[i]!).filter(Boolean)];
					const expected = fromScratch(events);
					const actual = incrementally(chunked(withDupes, sizes));
					expect(actual.callDeltas()).toEqual(expected.callDeltas());
					expect(actual.ticketDeltas()).toEqual(expected.ticketDeltas());
					expect(actual.assessmentDeltas()).toEqual(expected.assessmentDeltas());
					expect(actual.ticketHourlyDeltas()).toEqual(expected.ticketHourlyDeltas());
				}
			),
			{ numRuns: 300 }
		);
	});
});
