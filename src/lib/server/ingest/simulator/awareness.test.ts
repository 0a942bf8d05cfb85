/**
 * The simulated city: named topics with seasons and district patterns, real streets, callbacks of
 * most abandoned calls within the hour, and the day's cluster, deterministic for (seed, day).
 */
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../../contract/events';
import BEIJING_STREETS from './data/beijing-streets.json';
import { inSeason, monthDay, planCluster, topicWeight } from './awareness';
import { simulateDay } from './hall';
import { PEAK_DAY_PROFILE } from './profile';

const JAN = Date.parse('2026-01-14T16:00:00Z'); // 2026-01-15 00:00 in Beijing
const JUL = Date.parse('2026-07-14T16:00:00Z');
const topic = (name: string) => PEAK_DAY_PROFILE.topics.find((t) => t.name === name)!;
const created = (events: WallboardEvent[]) =>
	events.filter(
		(e): e is Extract<WallboardEvent, { type: 'ticket.created' }> => e.type === 'ticket.created'
	);

describe('seasons and district patterns', () => {
	it('reads the business day and wraps the heating season over the new year', () => {
		expect(monthDay(JAN)).toBe('01-15');
		const heating = { from: '11-15', to: '03-15' };
		expect(['11-15', '12-31', '01-01', '03-15'].map((d) => inSeason(d, heating))).toEqual([
			true,
			true,
			true,
			true
		]);
		expect(['11-14', '03-16', '07-15'].map((d) => inSeason(d, heating))).toEqual([
			false,
			false,
			false
		]);
	});

	it('weights 供暖 by season and district, 暴雨积水 only in summer', () => {
		expect(topicWeight(topic('供暖'), '朝阳区', JAN)).toBe(4);
		expect(topicWeight(topic('供暖'), '东城区', JAN)).toBeCloseTo(6.4, 12);
		expect(topicWeight(topic('供暖'), '朝阳区', JUL)).toBeCloseTo(0.2, 12);
		expect(topicWeight(topic('暴雨积水'), '房山区', JAN)).toBe(0);
		expect(topicWeight(topic('暴雨积水'), '房山区', JUL)).toBeCloseTo(4.8, 12);
	});
});

describe('a simulated day (scale 0.1)', () => {
	const jan = simulateDay({ seed: 7, dayStart: JAN, scale: 0.1 });
	const jul = simulateDay({ seed: 7, dayStart: JUL, scale: 0.1 });

	it('gives every ticket a topic and a real street of its district', () => {
		const streets = BEIJING_STREETS as Record<string, string[]>;
		for (const t of created(jan)) {
			expect(streets[t.district]).toContain(t.street);
			expect(PEAK_DAY_PROFILE.topics.map((p) => p.name)).toContain(t.topic);
		}
	});

	it('has heating complaints in January and storm flooding in July, not the reverse', () => {
		const count = (events: WallboardEvent[], name: string) =>
			created(events).filter((t) => t.topic === name).length;
		// Out of season 供暖 keeps 5 % of its weight: about a twentieth as many.
		expect(count(jan, '供暖')).toBeGreaterThan(10 * count(jul, '供暖'));
		expect(count(jan, '暴雨积水')).toBe(0);
		expect(count(jul, '暴雨积水')).toBeGreaterThan(10);
	});

	it('calls back most abandoned calls, each once, within the hour', () => {
		const abandoned = new Map(
			jan.flatMap((e) => (e.type === 'call.abandoned' ? [[e.callId, e.at] as const] : []))
		);
		const callbacks = jan.filter((e) => e.type === 'call.callback');
		expect(new Set(callbacks.map((e) => (e as { callId: string }).callId)).size).toBe(
			callbacks.length
		);
		for (const e of callbacks) {
			const at = abandoned.get((e as { callId: string }).callId)!;
			expect(e.at - at).toBeGreaterThan(0);
			expect(e.at - at).toBeLessThanOrEqual(3_600_000);
		}
		expect(callbacks.length / abandoned.size).toBeGreaterThan(0.75);
		expect(callbacks.length / abandoned.size).toBeLessThan(0.95);
	});

	it('puts the planned cluster in its district and hour, the same for the seed', () => {
		const days = [0, 1, 2, 3, 4, 5].map((d) =>
			planCluster(7, JAN + d * 86_400_000, PEAK_DAY_PROFILE)
		);
		expect(days.filter((c) => c !== null).length).toBeGreaterThan(0);
		expect(planCluster(7, JAN, PEAK_DAY_PROFILE)).toEqual(planCluster(7, JAN, PEAK_DAY_PROFILE));
		const day = days.findIndex((c) => c !== null);
		const plan = days[day]!;
		const events = simulateDay({ seed: 7, dayStart: JAN + day * 86_400_000, scale: 1 });
		const burst = created(events).filter((t) => t.callId === undefined);
		expect(burst.length).toBe(plan.tickets);
		for (const t of burst) {
			expect([t.district, t.topic]).toEqual([plan.district, plan.topic.name]);
			expect(t.at).toBeGreaterThanOrEqual(plan.startAt);
			expect(t.at).toBeLessThan(plan.startAt + 3_600_000);
		}
	}, 30_000);
});
