import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract';
import { createLogger } from '../logger';
import { createHallSimulation } from './simulator';
import { startSimulator } from './simulator-driver';

const ms = (iso: string) => Date.parse(iso);

describe('startSimulator', () => {
	it('replays the day so far through send, then follows the clock, and stops cleanly', async () => {
		const dayStart = ms('2026-03-01T16:00:00Z'); // 00:00 on 2 March in Shanghai
		let clock = dayStart + 10 * 3600_000; // 10:00, at the morning peak
		const sent: WallboardEvent[] = [];
		const driver = startSimulator({
			seed: 7,
			scale: 0.02,
			speed: 'max',
			backfill: true,
			timezone: 'Asia/Shanghai',
			now: () => clock,
			send: async (events) => {
				sent.push(...events);
			},
			logger: createLogger('silent')
		});
		await driver.caughtUp;
		const expected = createHallSimulation({ seed: 7, dayStart, scale: 0.02 }).advance(clock);
		expect(sent.length).toBeGreaterThan(100);
		expect(sent.map((e) => e.id)).toEqual(expected.map((e) => e.id));
		expect(Math.max(...sent.map((e) => e.at))).toBeLessThanOrEqual(clock);

		// Live: the clock moves on a minute, the next steps send what happened in it.
		clock += 60_000;
		await new Promise((r) => setTimeout(r, 450));
		await driver.stop();
		const later = createHallSimulation({ seed: 7, dayStart, scale: 0.02 }).advance(clock);
		expect(sent.map((e) => e.id)).toEqual(later.map((e) => e.id));
	});
});
