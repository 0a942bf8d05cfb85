/**
 * Property: the history rollups and the live engine count the same things. For any set of call
 * and ticket events (any order, duplicates, a missing call.offered or ticket.created, several
 * queues with their own targets, times around local midnight over two business days in
 * Asia/Shanghai) and any `now` after them, summing the rollup rows of every call and ticket whose
 * `day` is the snapshot's `businessDay` gives the snapshot's today figures: per queue and for the
 * hall, and for dispatched tickets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type WallboardEvent } from '../contract/events';
import type { QueueStats } from '../contract/snapshot';
import { ev } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG, type MetricsConfig } from './config';
import { createMetrics } from './engine';
import { createRollup, type CallCounts } from './rollup';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** 2026-03-02 00:00 in Beijing, the midnight between the two business days. */
const MIDNIGHT = Date.parse('2026-03-01T16:00:00Z');

const TARGETS_MS: Record<string, number> = { water: 30 * SECOND, power: 5 * SECOND };
const QUEUES = ['hotline', 'water', 'power'] as const;
const CONFIG: MetricsConfig = {
	...DEFAULT_METRICS_CONFIG,
	timezone: 'Asia/Shanghai',
	serviceLevelTargetMs: 15 * SECOND,
	serviceLevelTargetByQueueMs: TARGETS_MS,
	dispatchDeadlineMs: { emergency: HOUR, livelihood: 2 * HOUR, general: 24 * HOUR }
};
const targetOf = (queue: string) => TARGETS_MS[queue] ?? CONFIG.serviceLevelTargetMs;

/** Within ±6 h of midnight, mostly whole seconds so that ties and exact boundaries happen. */
const instant = fc.oneof(
	fc.integer({ min: -6 * 3600, max: 6 * 3600 }).map((s) => MIDNIGHT + s * SECOND),
	fc.integer({ min: -6 * HOUR, max: 6 * HOUR }).map((t) => MIDNIGHT + t)
);
/** An offset from a reference that hits a boundary (the target, the deadline) often. */
const around = (boundary: number) =>
	fc.oneof(
		fc.constantFrom(boundary - 1, boundary, boundary + 1, 0, -SECOND),
		fc.integer({ min: -boundary, max: 3 * boundary })
	);
const upTo2 = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 2 });

const callArb = fc
	.record({
		offered: upTo2(fc.record({ at: instant, queue: fc.constantFrom(...QUEUES) })),
		/** Relative to the first offered (or to `base` when none), so waits hit the target. */
		base: instant,
		answered: upTo2(fc.integer({ min: 0, max: 2 })),
		abandoned: upTo2(fc.integer({ min: -MINUTE, max: 10 * MINUTE })),
		ended: upTo2(fc.integer({ min: -MINUTE, max: 20 * MINUTE }))
	})
	.chain((c) => {
		const queue = c.offered[0]?.queue ?? 'hotline';
		return fc
			.tuple(...c.answered.map(() => around(targetOf(queue))))
			.map((waits) => ({ ...c, answeredAfter: waits }));
	});

const ticketArb = fc
	.record({
		created: upTo2(fc.record({ at: instant, category: fc.constantFrom(...CATEGORIES) })),
		base: instant,
		dispatched: upTo2(fc.constant(0))
	})
	.chain((t) => {
		const category: Category = t.created[0]?.category ?? 'general';
		const deadline = CONFIG.dispatchDeadlineMs[category];
		return fc
			.tuple(...t.dispatched.map(() => around(deadline)))
			.map((delays) => ({ ...t, dispatchedAfter: delays }));
	});

type Scenario = { events: WallboardEvent[]; calls: string[]; tickets: string[] };

const scenarioArb: fc.Arbitrary<Scenario> = fc
	.tuple(fc.array(callArb, { maxLength: 8 }), fc.array(ticketArb, { maxLength: 6 }))
	.map(([calls, tickets]) => {
		const events: WallboardEvent[] = [];
		let n = 0;
		const id = () => `e${n++}`;
		calls.forEach((c, i) => {
			const callId = `c${i}`;
			const start = c.offered[0]?.at ?? c.base;
			for (const o of c.offered) events.push(ev.offered(id(), callId, o.queue, o.at));
			for (const wait of c.answeredAfter) events.push(ev.answered(id(), callId, start + wait));
			for (const d of c.abandoned) events.push(ev.abandoned(id(), callId, start + d));
			for (const d of c.ended) events.push(ev.ended(id(), callId, start + d));
		});
		tickets.forEach((t, i) => {
			const ticketId = `t${i}`;
			const start = t.created[0]?.at ?? t.base;
			for (const c of t.created) events.push(ev.created(id(), ticketId, c.category, c.at));
			for (const d of t.dispatchedAfter) {
				events.push(ev.dispatched(id(), ticketId, start + d, 'water-bureau'));
			}
		});
		return {
			events,
			calls: calls.map((_, i) => `c${i}`),
			tickets: tickets.map((_, i) => `t${i}`)
		};
	});

/** The events in a permuted order with some of them repeated (what the engine is fed). */
const arrivalArb = (events: readonly WallboardEvent[]) =>
	fc
		.tuple(
			fc.shuffledSubarray([...events], { minLength: events.length, maxLength: events.length }),
			fc.array(fc.nat({ max: Math.max(0, events.length - 1) }), { maxLength: 6 })
		)
		.map(([order, repeats]) => [...order, ...repeats.flatMap((i) => order.slice(i, i + 1))]);

type Today = Pick<CallCounts, 'offered' | 'answered' | 'abandoned' | 'answeredWithinTarget'> & {
	waitMsSum: number;
};
const zero = (): Today => ({
	offered: 0,
	answered: 0,
	abandoned: 0,
	answeredWithinTarget: 0,
	waitMsSum: 0
});

/** The live figures the rollup sums are compared with, in the rollup's terms. */
function live(q: QueueStats | undefined) {
	if (q === undefined) return fromRollup(zero());
	return {
		offered: q.offeredToday,
		answered: q.answeredToday,
		abandoned: q.abandonedToday,
		answeredWithinTarget: q.answeredWithinTargetToday,
		asaSecondsToday: q.asaSecondsToday
	};
}

/** The same from the rollup sums; the mean wait computed as the engine computes it. */
function fromRollup(t: Today) {
	const { waitMsSum, ...counts } = t;
	return { ...counts, asaSecondsToday: t.answered === 0 ? null : waitMsSum / t.answered / 1000 };
}

describe('history rollups of today equal the live snapshot', () => {
	it('per queue, for the hall and for dispatched tickets, in any order with duplicates', () => {
		const rollup = createRollup(CONFIG);
		fc.assert(
			fc.property(
				scenarioArb.chain((s) =>
					fc.tuple(
						fc.constant(s),
						arrivalArb(s.events),
						fc.oneof(fc.integer({ min: 0, max: HOUR }), fc.integer({ min: 0, max: 30 * HOUR }))
					)
				),
				([scenario, arrival, after]) => {
					const { events } = scenario;
					const now = Math.max(MIDNIGHT - 6 * HOUR, ...events.map((e) => e.at)) + after;
					const metrics = createMetrics(CONFIG);
					metrics.applyAll(arrival);
					const snapshot = metrics.snapshot(now);
					const day = snapshot.businessDay;

					const byQueue = new Map<string, Today>();
					const hall = zero();
					for (const callId of scenario.calls) {
						const mine = events.filter((e) => 'callId' in e && e.callId === callId);
						for (const r of rollup.callRows(mine)) {
							if (r.day !== day) continue;
							const q = byQueue.get(r.queue) ?? zero();
							byQueue.set(r.queue, q);
							for (const t of [q, hall]) {
								t.offered += r.offered;
								t.answered += r.answered;
								t.abandoned += r.abandoned;
								t.answeredWithinTarget += r.answeredWithinTarget;
								t.waitMsSum += r.waitMsSum;
							}
						}
					}
					let dispatched = 0;
					let dispatchedOnTime = 0;
					for (const ticketId of scenario.tickets) {
						const mine = events.filter((e) => 'ticketId' in e && e.ticketId === ticketId);
						for (const r of rollup.ticketRows(mine)) {
							if (r.day !== day) continue;
							dispatched += r.dispatched;
							dispatchedOnTime += r.dispatchedOnTime;
						}
					}

					expect(live(snapshot.calls.all)).toEqual(fromRollup(hall));
					const queues = new Set([...byQueue.keys(), ...Object.keys(snapshot.calls.byQueue)]);
					for (const queue of queues) {
						expect(live(snapshot.calls.byQueue[queue]), queue).toEqual(
							fromRollup(byQueue.get(queue) ?? zero())
						);
					}
					expect({
						dispatched: snapshot.tickets.dispatchedToday,
						dispatchedOnTime: snapshot.tickets.dispatchedOnTimeToday
					}).toEqual({ dispatched, dispatchedOnTime });
				}
			),
			{ numRuns: 400 }
		);
	});
});
