/**
 * The history queries on PGlite over hand-made rollup rows (two shards): hand-worked totals, and
 * the whole-month shortcut of the ticket breakdown equal to summing the daily rows directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../metrics/timezone';
import { zeroCallCounts, zeroTicketCounts } from '../../metrics/rollup';
import {
	CALLS_15M,
	CALLS_DAILY,
	TICKETS_DAILY,
	TICKETS_MONTHLY,
	TICKETS_TOTALS_DAILY,
	clearHistory,
	monthOf,
	upsertRows
} from '../db/history';
import { openStore, type OpenedStore as EventStore } from '../db/store';
import { createHistoryQueries, daysOf, type HistoryQueries } from './queries';
import { ticketTotals } from './totals';

const TARGETS = { serviceLevelSeconds: 15, serviceLevel: 0.8, answerRate: 0.95, onTimeRate: 0.95 };
let dir: string;
let store: EventStore;
let history: HistoryQueries;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hw-history-q-'));
	store = await openStore({ dataDir: dir });
	history = createHistoryQueries(store.db, { timezone: 'Asia/Shanghai', targets: () => TARGETS });
}, 60_000);

afterAll(async () => {
	await store?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('history queries', () => {
	it('hand-worked summary, intraday and daily (two shards summed)', async () => {
		await clearHistory(store.db);
		const c = (n: Partial<ReturnType<typeof zeroCallCounts>>) => ({ ...zeroCallCounts(), ...n });
		await upsertRows(
			store.db,
			CALLS_15M,
			[
				{
					day: '2026-03-02',
					minute: 480,
					queue: 'general',
					...c({ offered: 3, answered: 2, answeredWithinTarget: 1, waitMsSum: 30_000 })
				},
				{ day: '2026-03-02', minute: 495, queue: 'elderly', ...c({ offered: 1, abandoned: 1 }) }
			],
			0
		);
		await upsertRows(
			store.db,
			CALLS_15M,
			[
				{
					day: '2026-03-02',
					minute: 480,
					queue: 'general',
					...c({
						offered: 1,
						answered: 1,
						answeredWithinTarget: 1,
						waitMsSum: 2_000,
						ended: 2,
						talkMsSum: 400_000
					})
				},
				{ day: '2026-02-23', minute: 480, queue: 'general', ...c({ offered: 5 }) }
			],
			1
		);
		await upsertRows(
			store.db,
			CALLS_DAILY,
			[
				{
					day: '2026-03-02',
					queue: 'general',
					...c({
						offered: 4,
						answered: 3,
						answeredWithinTarget: 2,
						waitMsSum: 32_000,
						ended: 2,
						talkMsSum: 400_000
					})
				},
				{ day: '2026-03-02', queue: 'elderly', ...c({ offered: 1, abandoned: 1 }) },
				{ day: '2026-03-01', queue: 'general', ...c({ offered: 7, answered: 7 }) }
			],
			0
		);
		const t = {
			...zeroTicketCounts(),
			created: 2,
			dispatched: 2,
			dispatchedOnTime: 1,
			dispatchedLate: 1,
			surveyed: 1,
			responded: 1
		};
		const dims = { category: 'livelihood', district: '朝阳区', department: '水务局' };
		await upsertRows(store.db, TICKETS_DAILY, [{ day: '2026-03-02', ...dims, ...t }], 0);
		await upsertRows(store.db, TICKETS_MONTHLY, [{ month: '2026-03-01', ...dims, ...t }], 0);
		await upsertRows(store.db, TICKETS_TOTALS_DAILY, [{ day: '2026-03-02', ...t }], 0);

		const s = await history.summary('2026-03-02', '2026-03-02');
		expect(s.previous).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
		expect(s.previous.calls).toMatchObject({ offered: 7, answered: 7, answerRate: 1 });
		expect(s.calls.all).toEqual({
			offered: 5,
			answered: 3,
			answeredWithinTarget: 2,
			abandoned: 1,
			waitSecondsSum: 32,
			talkSecondsSum: 400,
			ended: 2,
			serviceLevel: 0.5,
			answerRate: 0.75,
			abandonRate: 0.25,
			asaSeconds: 32 / 3,
			ahtSeconds: 200
		});
		expect(Object.keys(s.calls.byQueue)).toEqual(['elderly', 'general']);
		expect(s.tickets.all).toMatchObject({ created: 2, onTimeRate: 0.5, responseRate: 1 });
		expect(s.tickets.byCategory.emergency).toEqual(ticketTotals());
		expect(s.tickets.byCategory.livelihood.created).toBe(2);
		expect(s.tickets.byDistrict).toEqual({ 朝阳区: ticketTotals(t) });
		expect(s.tickets.byDepartment).toEqual({ 水务局: ticketTotals(t) });
		expect(s.targets).toEqual(TARGETS);

		const i = await history.intraday('2026-03-02', 'general');
		expect(i.series.map((x) => [x.key, x.day, x.points.length])).toEqual([
			['day', '2026-03-02', 96],
			['yesterday', '2026-03-01', 96],
			['lastWeek', '2026-02-23', 96]
		]);
		expect(i.series[0]!.points[32]).toEqual({
			minute: 480,
			offered: 4,
			answered: 3,
			answeredWithinTarget: 2,
			abandoned: 0,
			waitSecondsSum: 32
		});
		expect(i.series[0]!.points[33]!.offered).toBe(0); // elderly, filtered out
		expect(i.series[2]!.points[32]!.offered).toBe(5);

		const d = await history.daily('2026-03-01', '2026-03-03', 'general');
		expect(d.days.map((x) => [x.day, x.calls.offered, x.tickets.created])).toEqual([
			['2026-03-01', 7, 0],
			['2026-03-02', 4, 2],
			['2026-03-03', 0, 0]
		]);
	});

	it('the breakdown over whole months plus partial ones equals the daily rows summed', async () => {
		await clearHistory(store.db);
		// 70 days from 2026-01-20, one ticket row per day, counts from the day's index.
		const days = daysOf('2026-01-20', addDays('2026-01-20', 69));
		const rows = days.map((day, i) => ({
			day,
			category: ['emergency', 'livelihood', 'general'][i % 3]!,
			district: `d${i % 4}`,
			department: `p${i % 5}`,
			...zeroTicketCounts(),
			created: i + 1,
			dispatched: i,
			dispatchedOnTime: i
		}));
		await upsertRows(store.db, TICKETS_DAILY, rows, 0);
		const monthly = new Map<string, Record<string, unknown>>();
		for (const r of rows) {
			const key = `${monthOf(r.day)}|${r.category}|${r.district}|${r.department}`;
			const m = (monthly.get(key) ?? {
				...r,
				month: monthOf(r.day),
				created: 0,
				dispatched: 0,
				dispatchedOnTime: 0
			}) as { created: number; dispatched: number; dispatchedOnTime: number };
			m.created += r.created;
			m.dispatched += r.dispatched;
			m.dispatchedOnTime += r.dispatchedOnTime;
			monthly.set(key, m);
		}
		await upsertRows(
			store.db,
			TICKETS_MONTHLY,
			[...monthly.values()].map(({ day: _d, ...m }) => m),
			0
		);
		for (const [from, to] of [
			['2026-01-20', '2026-03-30'],
			['2026-02-01', '2026-02-28'],
			['2026-01-31', '2026-03-01'],
			['2026-02-01', '2026-03-15'],
			['2026-02-10', '2026-02-20'],
			['2026-01-25', '2026-02-28']
		] as const) {
			const inRange = rows.filter((r) => r.day >= from && r.day <= to);
			const s = await history.summary(from, to);
			for (const district of ['d0', 'd1', 'd2', 'd3']) {
				const expected = inRange
					.filter((r) => r.district === district)
					.reduce((n, r) => n + r.created, 0);
				expect(s.tickets.byDistrict[district]?.created ?? 0, `${from}..${to} ${district}`).toBe(
					expected
				);
			}
			const general = inRange
				.filter((r) => r.category === 'general')
				.reduce((n, r) => n + r.dispatched, 0);
			expect(s.tickets.byCategory.general.dispatched, `${from}..${to}`).toBe(general);
		}
	});
});
