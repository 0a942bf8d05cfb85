import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract';
import { createLogger } from '../logger';
import { createHallSimulation } from './simulator';
import { startOfBusinessDay, startSimulator } from './simulator-driver';

const ms = (iso: string) => Date.parse(iso);

describe('startOfBusinessDay', () => {
	it.each([
		// 23:24 in Shanghai on the 28th → 00:00 of the 28th, which is 16:00Z the day before
		['2026-11-28T15:24:00.123Z', 'Asia/Shanghai', '2026-11-27T16:00:00.000Z'],
		['2026-11-28T16:00:00.000Z', 'Asia/Shanghai', '2026-11-28T16:00:00.000Z'],
		['2026-11-28T15:59:59.999Z', 'Asia/Shanghai', '2026-11-27T16:00:00.000Z'],
		['2026-11-28T12:00:00.000Z', 'UTC', '2026-11-28T00:00:00.000Z'],
		// Berlin on its 23-hour day (clocks jump 02:00 → 03:00) and its 25-hour day
		['2026-03-29T20:00:00.000Z', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
		['2026-10-25T20:00:00.000Z', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
		['2026-11-28T10:00:00.000Z', 'Asia/Kolkata', '2026-11-27T18:30:00.000Z']
	])('%s in %s → %s', (at, tz, expected) => {
		expect(new Date(startOfBusinessDay(ms(at), tz)).toISOString()).toBe(expected);
	});
});

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
