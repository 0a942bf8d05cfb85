/**
 * Property tests: the snapshot is a function of the set of applied events and `now` only — not of
 * their order, not of duplicates, and not of `prune` calls made at or before the query time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENT_STATES, CATEGORIES, TICKET_KINDS, type WallboardEvent } from '../contract/events';
import { ev } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG, LIVE_WINDOW_MS } from './config';
import type { LiveSnapshot } from '../contract/snapshot';
import { createMetrics } from './engine';

const BASE = Date.parse('2026-03-02T01:00:00Z'); // 09:00 in Beijing
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const QUEUES = ['hotline', 'water', 'power'] as const;
const DISTRICTS = ['Dongcheng', 'Xicheng', 'Chaoyang'] as const;
const CONFIG = { ...DEFAULT_METRICS_CONFIG, serviceLevelTargetByQueueMs: { water: 30_000 } };
/** Fixed query times: yesterday, the base, and a little and a lot later. */
const NOWS = [BASE - 26 * HOUR, BASE, BASE + 30 * MINUTE, BASE + 3 * HOUR];
const NUM_RUNS = 200;

/**
 * An instant in [BASE + lo, BASE + hi]: mostly whole seconds, so that equal `at`s (and the id
 * tie-break) occur, sometimes any millisecond.
 */
const instant = (lo: number, hi: number) =>
	fc.oneof(
		fc.integer({ min: lo / SECOND, max: hi / SECOND }).map((s) => BASE + s * SECOND),
		fc.integer({ min: lo, max: hi }).map((t) => BASE + t)
	);
/** A small shift, 0 (a tie) one time in three. */
const nearby = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: -max, max }));

const callArb = fc.record({
	queue: fc.constantFrom(...QUEUES),
	offeredAt: instant(-40 * HOUR, 2 * HOUR),
	outcome: fc.constantFrom('answered', 'abandoned', 'both', 'none'),
	waitMs: fc.integer({ min: 0, max: 5 * MINUTE }),
	abandonMs: fc.integer({ min: 0, max: 5 * MINUTE }),
	talkMs: fc.option(fc.integer({ min: 0, max: 60 * MINUTE })),
	reoffer: fc.option(fc.record({ shift: nearby(5 * MINUTE), queue: fc.constantFrom(...QUEUES) }))
});

const ticketArb = fc.record({
	created: fc.option(
		fc.record({
			at: instant(-60 * HOUR, HOUR),
			category: fc.constantFrom(...CATEGORIES),
			kind: fc.constantFrom(...TICKET_KINDS),
			district: fc.constantFrom(...DISTRICTS),
			again: fc.option(
				fc.record({ shift: nearby(10 * MINUTE), category: fc.constantFrom(...CATEGORIES) })
			)
		}),
		{ freq: 8 }
	),
	dispatchDelayMs: fc.option(fc.integer({ min: 0, max: 30 * HOUR })),
	redispatch: fc.option(nearby(10 * MINUTE)),
	feedbackDelayMs: fc.option(fc.integer({ min: 0, max: 3 * DAY })),
	surveys: fc.array(
		fc.record({
			at: instant(-35 * DAY, HOUR),
			responded: fc.boolean(),
			resolved: fc.boolean(),
			satisfied: fc.boolean()
		}),
		{ maxLength: 2 }
	)
});

const agentArb = fc.array(
	fc.record({ state: fc.constantFrom(...AGENT_STATES), at: instant(-30 * HOUR, 2 * HOUR) }),
	{ minLength: 1, maxLength: 4 }
);

type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;
type Ticket = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

function callEvents(c: Call, i: number, hasOffered: boolean): WallboardEvent[] {
	const id = `c${i}`;
	const out: WallboardEvent[] = [];
	if (hasOffered) out.push(ev.offered(`${id}.offered`, id, c.queue, c.offeredAt));
	if (hasOffered && c.reoffer !== null) {
		out.push(ev.offered(`${id}.offered2`, id, c.reoffer.queue, c.offeredAt + c.reoffer.shift));
	}
	const answeredAt = c.offeredAt + c.waitMs;
	if (c.outcome === 'answered' || c.outcome === 'both') {
		out.push(ev.answered(`${id}.answered`, id, answeredAt));
		if (c.talkMs !== null) out.push(ev.ended(`${id}.ended`, id, answeredAt + c.talkMs));
	}
	if (c.outcome === 'abandoned' || c.outcome === 'both') {
		out.push(ev.abandoned(`${id}.abandoned`, id, c.offeredAt + c.abandonMs));
	}
	return out;
}

function ticketEvents(t: Ticket, i: number): WallboardEvent[] {
	const id = `t${i}`;
	const out: WallboardEvent[] = [];
	const base = t.created?.at ?? BASE - 30 * HOUR;
	if (t.created !== null) {
		const { at, category, kind, district, again } = t.created;
		out.push(ev.created(`${id}.created`, id, category, at, { kind, district, summary: 'PII' }));
		if (again !== null) {
			out.push(
				ev.created(`${id}.created2`, id, again.category, at + again.shift, { kind, district })
			);
		}
	}
	if (t.dispatchDelayMs !== null) {
		const at = base + t.dispatchDelayMs;
		out.push(ev.dispatched(`${id}.dispatched`, id, at));
		if (t.redispatch !== null) {
			out.push(ev.dispatched(`${id}.dispatched2`, id, Math.max(base, at + t.redispatch)));
		}
		if (t.feedbackDelayMs !== null) {
			out.push(ev.feedback(`${id}.feedback`, id, 'resolved', at + t.feedbackDelayMs));
		}
	}
	t.surveys.forEach((s, k) => {
		const { responded, resolved, satisfied } = s;
		out.push(ev.survey(`${id}.survey${k}`, id, { responded, resolved, satisfied }, s.at));
	});
	return out;
}

/** A realistic, varied set of events with distinct ids. */
const eventsArb: fc.Arbitrary<WallboardEvent[]> = fc
	.record({
		calls: fc.array(fc.tuple(callArb, fc.integer({ min: 0, max: 9 })), {
			maxLength: 40,
			size: 'max'
		}),
		agents: fc.array(agentArb, { maxLength: 6, size: 'max' }),
		tickets: fc.array(ticketArb, { maxLength: 30, size: 'max' })
	})
	.map(({ calls, agents, tickets }) => [
		// One call in ten has no call.offered (an orphan answer/abandon).
		...calls.flatMap(([c, roll], i) => callEvents(c, i, roll !== 0)),
		...agents.flatMap((states, i) =>
			states.map((s, k) => ev.agent(`a${i}.${k}`, `a${i}`, s.state, s.at))
		),
		...tickets.flatMap((t, i) => ticketEvents(t, i))
	]);

function snapshots(events: Iterable<WallboardEvent>, nows: readonly number[]): LiveSnapshot[] {
	const m = createMetrics(CONFIG);
	m.applyAll(events);
	return nows.map((now) => m.snapshot(now));
}

const nowsArb = fc.integer({ min: -40 * HOUR, max: 3 * HOUR }).map((dt) => [...NOWS, BASE + dt]);

describe('the snapshot depends only on the set of events and now', () => {
	it('any permutation gives a deep-equal snapshot', () => {
		fc.assert(
			fc.property(
				eventsArb.chain((events) =>
					fc.tuple(
						fc.constant(events),
						fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })
					)
				),
				nowsArb,
				([events, permuted], nows) => {
					expect(snapshots(permuted, nows)).toStrictEqual(snapshots(events, nows));
				}
			),
			{ numRuns: NUM_RUNS }
		);
	});

	it('any duplication, anywhere in the order, gives the same snapshot', () => {
		fc.assert(
			fc.property(
				eventsArb,
				fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
				nowsArb,
				(events, copies, nows) => {
					const withCopies = [...events];
					if (events.length > 0) {
						for (const [which, where] of copies) {
							const copy = events[which % events.length] as WallboardEvent;
							withCopies.splice(where % (withCopies.length + 1), 0, { ...copy });
						}
					}
					expect(snapshots(withCopies, nows)).toStrictEqual(snapshots(events, nows));
				}
			),
			{ numRuns: NUM_RUNS }
		);
	});

	it('applying in chunks with prune(t0) in between gives the same snapshot for every now >= t0', () => {
		// prune(t0) assumes that what arrives afterwards is not older than the live window. Events
		// older than t0 − LIVE_WINDOW_MS + 1 h (the largest gap the generator puts between
		// conflicting events of one key) therefore all go into the first chunk.
		fc.assert(
			fc.property(
				eventsArb.chain((events) =>
					fc.tuple(
						fc.constant(events),
						fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
						fc.array(fc.integer({ min: 0, max: 2 }), {
							minLength: events.length,
							maxLength: events.length
						})
					)
				),
				fc.integer({ min: -20 * HOUR, max: HOUR }),
				fc.array(fc.integer({ min: 0, max: 35 * DAY }), { minLength: 1, maxLength: 4 }),
				([events, order, chunkOf], t0Offset, queryOffsets) => {
					const t0 = BASE + t0Offset;
					const lateLimit = t0 - LIVE_WINDOW_MS + HOUR;
					const chunks: WallboardEvent[][] = [[], [], []];
					order.forEach((event, i) => {
						const chunk = event.at < lateLimit ? 0 : (chunkOf[i] ?? 0);
						chunks[chunk]?.push(event);
					});
					const nows = [t0, ...queryOffsets.map((dt) => t0 + dt)];

					const m = createMetrics(CONFIG);
					for (const chunk of chunks) {
						m.applyAll(chunk);
						m.prune(t0);
					}
					const pruned = nows.map((now) => m.snapshot(now));
					expect(pruned).toStrictEqual(snapshots(events, nows));
				}
			),
			{ numRuns: NUM_RUNS }
		);
	});
});
