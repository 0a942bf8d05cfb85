import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import { ev } from '../../../tests/fixtures/events';
import { AGENT_DAY_KEEP_MS, createAgentDay } from './agent-day';

const TZ = 'Asia/Shanghai';
/** Beijing business day 2026-03-02 starts at 2026-03-01T16:00Z. */
const NOW = Date.parse('2026-03-02T02:00:00Z'); // 10:00 in Beijing

function figures(events: WallboardEvent[], now = NOW) {
	const d = createAgentDay(TZ);
	for (const e of events) d.apply(e);
	return Object.fromEntries(d.figures(now));
}

describe('agent figures today (hand-worked)', () => {
	it('handled and average handle time count calls ended today, by the answering agent', () => {
		const f = figures([
			// A1: 3 min and 5 min today → 2 handled, AHT 240 s.
			ev.answered('a1', 'c1', '2026-03-02T00:00:00Z', 'A1'),
			ev.ended('e1', 'c1', '2026-03-02T00:03:00Z'),
			ev.answered('a2', 'c2', '2026-03-02T01:00:00Z', 'A1'),
			ev.ended('e2', 'c2', '2026-03-02T01:05:00Z'),
			// Ended yesterday (before 16:00Z on 03-01): not today.
			ev.answered('a3', 'c3', '2026-03-01T15:00:00Z', 'A1'),
			ev.ended('e3', 'c3', '2026-03-01T15:10:00Z'),
			// A2: answered, still talking: not handled yet.
			ev.answered('a4', 'c4', '2026-03-02T01:50:00Z', 'A2'),
			// Ended without a known answer: nobody's.
			ev.ended('e5', 'c5', '2026-03-02T01:00:00Z'),
			// A duplicate answer later than the first: the earliest (A1) wins.
			ev.answered('a6', 'c6', '2026-03-02T01:10:00Z', 'A1'),
			ev.answered('a6b', 'c6', '2026-03-02T01:11:00Z', 'A3'),
			ev.ended('e6', 'c6', '2026-03-02T01:12:00Z')
		]);
		expect(f).toEqual({
			A1: { handled: 3, ahtSeconds: Math.round((180 + 300 + 120) / 3), breakSeconds: 0 }
		});
	});

	it('break time is clipped to today and to now', () => {
		const f = figures([
			// On break since 23:30 yesterday Beijing (15:30Z), available at 00:20 → 20 min today.
			ev.agent('s1', 'B1', 'break', '2026-03-01T15:30:00Z'),
			ev.agent('s2', 'B1', 'available', '2026-03-01T16:20:00Z'),
			// 15 min break, then busy; then on break since 09:50 Beijing → 10 more min up to now.
			ev.agent('s3', 'B1', 'break', '2026-03-02T00:00:00Z'),
			ev.agent('s4', 'B1', 'busy', '2026-03-02T00:15:00Z'),
			ev.agent('s5', 'B1', 'break', '2026-03-02T01:50:00Z'),
			// After now: not yet.
			ev.agent('s6', 'B1', 'available', '2026-03-02T02:30:00Z'),
			// B2 only available today: listed with no break.
			ev.agent('s7', 'B2', 'available', '2026-03-02T00:00:00Z'),
			// B3 last seen yesterday, not on break: not listed.
			ev.agent('s8', 'B3', 'offline', '2026-03-01T10:00:00Z')
		]);
		expect(f).toEqual({
			B1: { handled: 0, ahtSeconds: null, breakSeconds: (20 + 15 + 10) * 60 },
			B2: { handled: 0, ahtSeconds: null, breakSeconds: 0 }
		});
	});
});

describe('agent figures: order, duplicates and prune do not matter (property)', () => {
	const BASE = NOW - 30 * 3600_000;
	const at = fc.integer({ min: 0, max: 31 * 3600 }).map((s) => BASE + s * 1000);
	const agent = fc.constantFrom('A1', 'A2', 'A3');
	const eventArb = fc.oneof(
		fc
			.tuple(fc.integer({ min: 0, max: 9 }), at, agent, fc.integer({ min: 0, max: 1800 }))
			.map(([n, t, a, talk]) => [
				ev.answered(`a-${n}-${t}`, `c${n}`, t, a),
				ev.ended(`e-${n}-${t}`, `c${n}`, t + talk * 1000)
			]),
		fc
			.tuple(at, agent, fc.constantFrom('available', 'busy', 'wrapup', 'break', 'offline' as const))
			.map(([t, a, s]) => [ev.agent(`s-${a}-${t}-${s}`, a, s, t)])
	);
	const eventsArb = fc.array(eventArb, { maxLength: 40 }).map((l) => l.flat());

	it('any permutation, with duplicates, and a prune at or before the query give the same figures', () => {
		fc.assert(
			fc.property(
				eventsArb,
				fc.integer({ min: 0, max: 1000 }),
				fc.integer({ min: 0, max: 4 * 3600 }),
				(events, seed, pruneBack) => {
					const expected = figures(events);
					const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), {
						seed,
						numRuns: 1
					})[0] as WallboardEvent[];
					const d = createAgentDay('Asia/Shanghai');
					for (const e of [...shuffled, ...shuffled.slice(0, seed % (events.length + 1))]) {
						d.apply(e);
					}
					d.prune(NOW - pruneBack * 1000);
					expect(Object.fromEntries(d.figures(NOW))).toEqual(expected);
				}
			),
			{ numRuns: 200 }
		);
		expect(AGENT_DAY_KEEP_MS).toBeGreaterThan(25 * 3600_000);
	});
});
