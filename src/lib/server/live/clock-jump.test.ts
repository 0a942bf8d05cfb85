/**
 * Issue 15 item 6: the server clock stepping back or forward by minutes (an NTP correction)
 * neither double counts nor freezes the pushes or the "today" roll-over. The live feature runs
 * with a clock the test steps (`now`) and Vitest's fake timers for its ticker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PatchMessage, WallboardEvent } from '../../contract';
import { DEFAULT_METRICS_CONFIG } from '../../metrics';
import type { EventStore } from '../db/store';
import { createTelemetry } from '../telemetry';
import { createLive } from '.';

const MIN = 60_000;
// 23:55 in Beijing (DEFAULT_METRICS_CONFIG's zone): midnight is 16:00Z.
const T0 = Date.parse('2026-03-02T15:55:00Z');
const answered = (id: string, at: number): WallboardEvent => ({
	id: `${id}-a`,
	type: 'call.answered',
	at,
	callId: id,
	agentId: 'a1'
});
const offered = (id: string, at: number): WallboardEvent => ({
	id,
	type: 'call.offered',
	at,
	callId: id,
	queue: 'general'
});

let clock = T0;
beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
	clock = T0;
});
afterEach(() => {
	vi.useRealTimers();
});

async function startLive() {
	const live = createLive({
		rules: DEFAULT_METRICS_CONFIG,
		now: () => clock,
		telemetry: createTelemetry()
	});
	await live.restore({ loadLive: async () => [] } as unknown as EventStore);
	const patches: PatchMessage[] = [];
	live.onPatch((m) => patches.push(m));
	live.start({ healthy: () => true });
	return { live, patches };
}

/** Lets `ms` of real time pass: the ticker's timers fire, the wall clock moves with them. */
function pass(ms: number) {
	for (let t = 0; t < ms; t += 100) {
		clock += 100;
		vi.advanceTimersByTime(100);
	}
}

describe('clock jumps', () => {
	it('a step back of 5 minutes keeps the heartbeat going and counts a re-sent event once', async () => {
		const { live, patches } = await startLive();
		try {
			// Answered calls only: nothing moves with the clock, so only heartbeats go out.
			live.apply([offered('o1', T0 - MIN), answered('o1', T0 - MIN + 5000)]);
			pass(2000);
			expect(live.current().calls.all.offeredToday).toBe(1);
			clock -= 5 * MIN; // NTP steps the clock back
			const before = patches.length;
			pass(11_000);
			// Heartbeats at least every 5 s: not held back for the 5 minutes the clock went back.
			expect(patches.length - before).toBeGreaterThanOrEqual(2);
			expect(clock - Date.parse(live.current().at)).toBeLessThanOrEqual(5000);
			// The source re-sends o1 (its clock is right) and sends o3, answered at once.
			live.apply([offered('o1', T0 - MIN), offered('o3', T0 + 1000), answered('o3', T0 + 2000)]);
			pass(2000);
			expect(live.current().calls.all.offeredToday).toBe(2);
		} finally {
			live.close();
		}
	});

	it('a step back of 40 s within one minute does not hold the heartbeat back', async () => {
		const { live, patches } = await startLive();
		try {
			live.apply([offered('o1', T0 - MIN), answered('o1', T0 - MIN + 5000)]);
			pass(50_000); // 23:55:50
			clock -= 40_000; // 23:55:10: the same minute, nothing but `at` differs
			const before = patches.length;
			pass(11_000);
			expect(patches.length - before).toBeGreaterThanOrEqual(2);
			expect(clock - Date.parse(live.current().at)).toBeLessThanOrEqual(5000);
		} finally {
			live.close();
		}
	});

	it('a step forward over midnight rolls "today" over at once; a step back undoes it, no freeze', async () => {
		const { live, patches } = await startLive();
		try {
			live.apply([offered('o1', T0 - MIN), offered('o2', T0 - 2 * MIN)]);
			pass(2000);
			expect(live.current().calls.all.offeredToday).toBe(2);
			clock += 10 * MIN; // 00:05:02 the next day
			pass(2000);
			expect(live.current().calls.all.offeredToday).toBe(0);
			expect(live.current().calls.all.waiting).toBe(2);
			clock -= 7 * MIN; // back to 23:58:04: "today" is the day before again
			const before = patches.length;
			pass(7000);
			expect(patches.length).toBeGreaterThan(before);
			expect(live.current().calls.all.offeredToday).toBe(2);
			pass(2 * MIN); // past midnight by the clock's own pace
			expect(live.current().calls.all.offeredToday).toBe(0);
		} finally {
			live.close();
		}
	});
});
