/** The per-call rules' bounds: a wait or talk counts at most MAX_CALL_DURATION_MS (24 h). */
import { describe, expect, it } from 'vitest';
import { callOutcome, callTalk, MAX_CALL_DURATION_MS, type CallStamps } from './rules';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const call = (answeredAfter: number, endedAfter: number): CallStamps => ({
	offered: { at: T0, id: 'o', queue: 'general', caller: null },
	answered: { at: T0 + answeredAfter, id: 'a' },
	abandoned: null,
	ended: { at: T0 + answeredAfter + endedAfter, id: 'e' },
	callback: null
});

describe('call durations', () => {
	it('are 24 h at most, so rollup sums cannot overflow', () => {
		expect(MAX_CALL_DURATION_MS).toBe(24 * H);
		expect(callOutcome(call(72 * H, 1000), () => 20_000)?.waitMs).toBe(24 * H);
		expect(callTalk(call(1000, 1e15))?.talkMs).toBe(24 * H);
	});
	it('are kept as they are below the bound', () => {
		expect(callOutcome(call(30_000, 1000), () => 20_000)).toMatchObject({
			waitMs: 30_000,
			withinTarget: false
		});
		expect(callTalk(call(1000, 95_000))?.talkMs).toBe(95_000);
	});
});
