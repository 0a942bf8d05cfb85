/**
 * Property: the 办结 figures from the history rollups agree with the live engine and with the
 * rule. For any tickets (each created and dispatched, with zero to three replies of any outcome,
 * events shuffled and duplicated, times around local midnight over two business days):
 * - the rollups' replies summed over every day equal the live engine's dispatched tickets minus
 *   those it still has awaiting feedback (records.awaitingFeedback());
 * - the rollups' per-outcome counts equal each ticket's latest reply (rules.ts, the engine's own
 *   merge), and completionOf gives the same figures whatever the order or duplicates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_OUTCOMES, type WallboardEvent } from '../contract/events';
import { ev } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG, type MetricsConfig } from './config';
import { completionOf } from './completion';
import { createMetrics } from './engine';
import { createRollup, zeroTicketCounts, type TicketCounts } from './rollup';
import { collectTicket } from './rules';

const MINUTE = 60_000;
/** 2026-03-02 00:00 in Beijing. */
const MIDNIGHT = Date.parse('2026-03-01T16:00:00Z');
const CONFIG: MetricsConfig = { ...DEFAULT_METRICS_CONFIG, timezone: 'Asia/Shanghai' };

const instant = fc.integer({ min: -6 * 60, max: 6 * 60 }).map((m) => MIDNIGHT + m * MINUTE);
const ticketArb = fc.record({
	created: fc.array(instant, { minLength: 1, maxLength: 2 }),
	dispatched: fc.array(instant, { minLength: 1, maxLength: 2 }),
	replies: fc.array(fc.record({ at: instant, outcome: fc.constantFrom(...FEEDBACK_OUTCOMES) }), {
		maxLength: 3
	})
});

const scenario = fc.array(ticketArb, { minLength: 1, maxLength: 8 }).chain((tickets) => {
	const events: WallboardEvent[] = [];
	tickets.forEach((t, i) => {
		const id = `t${i}`;
		t.created.forEach((at, j) => events.push(ev.created(`${id}c${j}`, id, 'general', at)));
		t.dispatched.forEach((at, j) => events.push(ev.dispatched(`${id}d${j}`, id, at, 'unit')));
		t.replies.forEach((r, j) => events.push(ev.feedback(`${id}f${j}`, id, r.outcome, r.at)));
	});
	return fc
		.tuple(fc.shuffledSubarray(events, { minLength: 0, maxLength: events.length }), fc.nat())
		.map(([dupes, seed]) => ({
			tickets: tickets.map((_, i) => `t${i}`),
			// Duplicates (same id) anywhere; a seeded order.
			events: [...events, ...dupes].sort(
				(a, b) => ((hash(a.id) ^ seed) >>> 0) - ((hash(b.id) ^ seed) >>> 0)
			)
		}));
});

function hash(s: string): number {
	let h = 2166136261;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
	return h >>> 0;
}

function rollupCounts(events: WallboardEvent[], tickets: string[]): TicketCounts {
	const rollup = createRollup(CONFIG);
	const sum = zeroTicketCounts();
	for (const id of tickets) {
		const mine = events.filter((e) => 'ticketId' in e && e.ticketId === id);
		for (const r of rollup.ticketRows(mine)) {
			for (const k of Object.keys(sum) as (keyof TicketCounts)[]) sum[k] += r[k];
		}
	}
	return sum;
}

describe('办结 figures: rollups = live engine = the rule', () => {
	it('in any order, with duplicates and several replies per ticket', () => {
		fc.assert(
			fc.property(scenario, ({ events, tickets }) => {
				const counts = rollupCounts(events, tickets);
				const figures = completionOf(counts);

				const live = createMetrics(CONFIG);
				live.applyAll(events);
				const awaiting = [...live.records.awaitingFeedback()].length;
				expect(figures.closed).toBe(tickets.length - awaiting);
				expect(counts.created).toBe(tickets.length);

				// Each ticket counts its latest reply, once.
				const latest = { resolved: 0, unresolvable: 0, unreasonable: 0 };
				for (const id of tickets) {
					const f = collectTicket(
						events.filter((e) => 'ticketId' in e && e.ticketId === id)
					).feedback;
					if (f !== null) latest[f.outcome] += 1;
				}
				expect([
					counts.feedbackResolved,
					counts.feedbackUnresolvable,
					counts.feedbackUnreasonable
				]).toEqual([latest.resolved, latest.unresolvable, latest.unreasonable]);

				// Arrival order and duplicates change nothing.
				const once = [...new Map(events.map((e) => [e.id, e])).values()].reverse();
				expect(completionOf(rollupCounts(once, tickets))).toEqual(figures);
			}),
			{ numRuns: 100 }
		);
	}, 60_000);
});
