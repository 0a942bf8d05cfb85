/**
 * Surge detection end to end (in-process app, PGlite): four weeks of steady history posted as
 * events (so the hourly rollup is kept by the append), then a burst in the last hour raises a
 * `surge` alert with the right words and marks its district on the snapshot; a steady hour in
 * another district raises nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../src/lib/contract/events';
import { createI18n } from '../../src/lib/client/i18n';
import { surgeText } from '../../src/lib/client/alert-format';
import { startApp, type AppHandle } from '../helpers/app';
import { NO_ALERT_HOLDS, removeDir } from '../helpers/server';

const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
let h: AppHandle;
let n = 0;

function created(at: number, district: string, topic: string): WallboardEvent {
	const id = `s-${n++}`;
	return {
		id,
		type: 'ticket.created',
		ticketId: `t-${id}`,
		at,
		category: 'livelihood',
		kind: 'help',
		district,
		topic
	} as WallboardEvent;
}

/** 6 tickets in each of the two wall-clock hours the window (t − 1 h, t] overlaps. */
function steadyWeek(t: number, district: string, topic: string): WallboardEvent[] {
	const hourStart = t - (t % HOUR); // Asia/Shanghai is a whole-hour offset
	const out: WallboardEvent[] = [];
	for (const start of [hourStart - HOUR, hourStart]) {
		for (let k = 0; k < 6; k++) out.push(created(start + (k * 10 + 5) * 60_000, district, topic));
	}
	return out;
}

beforeAll(async () => {
	h = await startApp({ WALLBOARD_TIMEZONE: 'Asia/Shanghai', ...NO_ALERT_HOLDS });
});
afterAll(async () => {
	await h.stop();
	removeDir(h.dataDir);
});

describe('surge watch', () => {
	it('a burst against a steady baseline raises one alert and marks the district', async () => {
		const now = Date.now();
		const history: WallboardEvent[] = [];
		for (let w = 1; w <= 4; w++) {
			history.push(...steadyWeek(now - w * WEEK, '朝阳区', '供暖'));
			history.push(...steadyWeek(now - w * WEEK, '海淀区', '噪音扰民'));
		}
		expect((await h.app.ingest(history)).accepted).toBe(history.length);
		const burst = Array.from({ length: 23 }, (_, k) =>
			created(now - 1000 - k * 150_000, '朝阳区', '供暖')
		);
		const steady = Array.from({ length: 7 }, (_, k) =>
			created(now - 1000 - k * 500_000, '海淀区', '噪音扰民')
		);
		expect((await h.app.ingest([...burst, ...steady])).accepted).toBe(30);

		await h.app.surges.scan();
		await h.app.alerts.evaluate();

		const active = h.app.alerts.current().active;
		expect(active.map((a) => [a.key, a.level, a.value])).toEqual([
			['surge:朝阳区/供暖', 'bad', 23]
		]);
		const snapshot = await h.app.snapshot();
		expect(snapshot.tickets.surges).toEqual([
			{ district: '朝阳区', topic: '供暖', count: 23, expected: 6 }
		]);
		const zh = createI18n('zh-CN');
		expect(surgeText(zh, active[0]!, snapshot.tickets.surges)).toBe(
			'朝阳区 供暖诉求激增 23 件/时，常态 6'
		);
		const en = createI18n('en');
		expect(surgeText(en, active[0]!, snapshot.tickets.surges)).toBe(
			'朝阳区: 供暖 surge, 23 an hour, usually 6'
		);
	});

	it('the alert is listed over HTTP as metric surge with its scope', async () => {
		const res = await fetch(`${h.url}/api/v1/alerts`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as { active: Array<{ metric: string; scope: string }> };
		expect(body.active.map((a) => [a.metric, a.scope])).toEqual([['surge', '朝阳区/供暖']]);
	});
});
