/**
 * History rollups end to end:
 * - a simulated week (small scale) appended through the store in chunks, on PostgreSQL and on
 *   PGlite, equals the backfill from scratch AND sums computed here, independently, from the raw
 *   events (Beijing is UTC+8 all year: local time = UTC + 8 h);
 * - through the real built server: the CSV and .xlsx exports' numbers equal the API's (also for
 *   one queue); bad parameters 400.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../src/lib/contract/events';
import type { HistoryDaily, HistorySummary } from '../../src/lib/contract/history';
import { DEFAULT_METRICS_CONFIG } from '../../src/lib/metrics/config';
import { simulateDay } from '../../src/lib/server/ingest/simulator';
import { rebuildHistory } from '../../src/lib/server/db/history-backfill';
import { openStore, type OpenedStore as EventStore } from '../../src/lib/server/db/store';
import { authHeaders, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { readRollups } from '../helpers/history';
import { createTempDatabase } from '../helpers/pg';
import { startApp, type AppHandle } from '../helpers/app';
import { TEST_INGEST_TOKEN } from '../helpers/server';

const RULES = DEFAULT_METRICS_CONFIG; // Asia/Shanghai, 15 s, deadlines 1 h / 2 h / 24 h
const HOUR = 3_600_000;
/** 2026-03-02 00:00 in Beijing (a Monday). */
const WEEK_START = Date.parse('2026-03-01T16:00:00Z');

function simulatedWeek(): WallboardEvent[] {
	const events: WallboardEvent[] = [];
	for (let d = 0; d < 7; d++) {
		events.push(...simulateDay({ seed: 7 + d, dayStart: WEEK_START + d * 24 * HOUR, scale: 0.01 }));
	}
	return events;
}

// ---- the independent computation -----------------------------------------------------------

const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString();
const dayOf = (ms: number) => local(ms).slice(0, 10);
const slotOf = (ms: number) => {
	const t = local(ms);
	const minutes = Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
	return minutes - (minutes % 15);
};
type Stamped = { at: number; id: string };
const first = <T extends Stamped>(list: T[]) =>
	list.reduce<T | undefined>(
		(a, e) => (!a || e.at < a.at || (e.at === a.at && e.id < a.id) ? e : a),
		undefined
	);
const last = <T extends Stamped>(list: T[]) =>
	list.reduce<T | undefined>(
		(a, e) => (!a || e.at > a.at || (e.at === a.at && e.id > a.id) ? e : a),
		undefined
	);

/** Per (day, queue): offered, answered, within target, abandoned, wait ms, ended, talk ms. */
function expectedCallsDaily(events: WallboardEvent[]) {
	const byCall = new Map<string, WallboardEvent[]>();
	for (const e of events)
		if (e.type.startsWith('call.')) {
			const id = (e as { callId: string }).callId;
			byCall.set(id, [...(byCall.get(id) ?? []), e]);
		}
	const out = new Map<string, number[]>();
	const add = (day: string, queue: string, i: number, v: number) => {
		const key = `${day}|${queue}`;
		const row = out.get(key) ?? [0, 0, 0, 0, 0, 0, 0];
		row[i]! += v;
		out.set(key, row);
	};
	for (const list of byCall.values()) {
		const o = first(list.filter((e) => e.type === 'call.offered')) as
			(Stamped & { queue: string }) | undefined;
		if (!o) continue;
		add(dayOf(o.at), o.queue, 0, 1);
		const a = first(list.filter((e) => e.type === 'call.answered'));
		const b = first(list.filter((e) => e.type === 'call.abandoned'));
		const x = first(list.filter((e) => e.type === 'call.ended'));
		if (a) {
			const wait = Math.max(0, a.at - o.at);
			add(dayOf(a.at), o.queue, 1, 1);
			if (wait <= RULES.serviceLevelTargetMs) add(dayOf(a.at), o.queue, 2, 1);
			add(dayOf(a.at), o.queue, 4, wait);
			if (x) {
				add(dayOf(x.at), o.queue, 5, 1);
				add(dayOf(x.at), o.queue, 6, Math.max(0, x.at - a.at));
			}
		} else if (b) add(dayOf(b.at), o.queue, 3, 1);
	}
	return out;
}

/** Per (day, category, district, department): created, dispatched, on time, late, surveyed, satisfied. */
function expectedTicketsDaily(events: WallboardEvent[]) {
	const byTicket = new Map<string, WallboardEvent[]>();
	for (const e of events)
		if (e.type.startsWith('ticket.')) {
			const id = (e as { ticketId: string }).ticketId;
			byTicket.set(id, [...(byTicket.get(id) ?? []), e]);
		}
	const out = new Map<string, number[]>();
	for (const list of byTicket.values()) {
		const c = first(list.filter((e) => e.type === 'ticket.created')) as
			| (Stamped & { category: 'emergency' | 'livelihood' | 'general'; district: string })
			| undefined;
		if (!c) continue;
		const d = first(list.filter((e) => e.type === 'ticket.dispatched')) as
			(Stamped & { department: string }) | undefined;
		const s = last(list.filter((e) => e.type === 'ticket.survey')) as
			(Stamped & { satisfied: boolean }) | undefined;
		const add = (day: string, i: number) => {
			const key = `${day}|${c.category}|${c.district}|${d?.department ?? ''}`;
			const row = out.get(key) ?? [0, 0, 0, 0, 0, 0];
			row[i]! += 1;
			out.set(key, row);
		};
		add(dayOf(c.at), 0);
		if (d) {
			add(dayOf(d.at), 1);
			add(dayOf(d.at), d.at <= c.at + RULES.dispatchDeadlineMs[c.category] ? 2 : 3);
		}
		if (s) {
			add(dayOf(s.at), 4);
			if (s.satisfied) add(dayOf(s.at), 5);
		}
	}
	return out;
}

// ---- store, both backends ------------------------------------------------------------------

type Backend = { name: string; open(): Promise<{ store: EventStore; close(): Promise<void> }> };
const backends: Backend[] = [
	{
		name: 'postgres',
		async open() {
			const db = await createTempDatabase('hw_history');
			const store = await openStore({ databaseUrl: db.url, dataDir: '', history: RULES });
			return { store, close: async () => (await store.close(), await db.drop()) };
		}
	},
	{
		name: 'pglite',
		async open() {
			const dir = mkdtempSync(path.join(tmpdir(), 'hw-history-it-'));
			const store = await openStore({ dataDir: dir, history: RULES });
			return {
				store,
				close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true }))
			};
		}
	}
];

const week = simulatedWeek();

describe.each(backends)('a simulated week through append ($name)', (backend) => {
	let handle: Awaited<ReturnType<Backend['open']>>;
	beforeAll(async () => {
		handle = await backend.open();
		// Chunks of varying size, in time order but with each chunk's events reversed and the
		// duplicates of a previous chunk resent.
		const sorted = [...week].sort((a, b) => a.at - b.at);
		let i = 0;
		let k = 0;
		while (i < sorted.length) {
			const size = [1, 37, 500, 1200, 3][k++ % 5]!;
			const chunk = sorted.slice(i, i + size).reverse();
			await handle.store.append([...chunk, ...sorted.slice(Math.max(0, i - 3), i)], WEEK_START);
			i += size;
		}
	}, 300_000);
	afterAll(async () => handle?.close());

	it('equals the sums computed from the raw events and the backfill from scratch', async () => {
		const kept = await readRollups(handle.store.db);

		const calls = expectedCallsDaily(week);
		const gotCalls = new Map(
			kept.history_calls_daily!.map((r) => [
				`${r.day}|${r.queue}`,
				[
					'offered',
					'answered',
					'answered_within_target',
					'abandoned',
					'wait_ms_sum',
					'ended',
					'talk_ms_sum'
				].map((k) => Number(r[k]))
			])
		);
		expect(gotCalls).toEqual(calls);
		expect([...calls.values()].reduce((n, r) => n + r[0]!, 0)).toBeGreaterThan(2000);

		const tickets = expectedTicketsDaily(week);
		const gotTickets = new Map(
			kept.history_tickets_daily!.map((r) => [
				`${r.day}|${r.category}|${r.district}|${r.department}`,
				[
					'created',
					'dispatched',
					'dispatched_on_time',
					'dispatched_late',
					'surveyed',
					'satisfied'
				].map((k) => Number(r[k]))
			])
		);
		// Rows whose only counts are feedback exist in the table; compare on the counted columns.
		for (const [k, v] of gotTickets) if (v.every((n) => n === 0)) gotTickets.delete(k);
		expect(gotTickets).toEqual(tickets);

		// The 15-minute rows sum to the daily ones, slot by independent local time.
		const offeredBySlot = new Map<string, number>();
		for (const r of kept.history_calls_15m!) {
			if (Number(r.offered) === 0) continue; // a slot with answers or ends only
			const key = `${r.day}|${r.minute}`;
			offeredBySlot.set(key, (offeredBySlot.get(key) ?? 0) + Number(r.offered));
		}
		const expectedSlots = new Map<string, number>();
		const seen = new Set<string>();
		for (const e of [...week].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))) {
			if (e.type !== 'call.offered' || seen.has(e.callId)) continue;
			seen.add(e.callId);
			const key = `${dayOf(e.at)}|${slotOf(e.at)}`;
			expectedSlots.set(key, (expectedSlots.get(key) ?? 0) + 1);
		}
		expect(offeredBySlot).toEqual(expectedSlots);

		await rebuildHistory(handle.store.db, RULES);
		expect(await readRollups(handle.store.db)).toEqual(kept);
	});
});

describe('two instances appending the same calls at once (PostgreSQL)', () => {
	it('count each call once: the advisory locks serialise writers of one call', async () => {
		const db = await createTempDatabase('hw_history_race');
		const a = await openStore({ databaseUrl: db.url, dataDir: '', history: RULES });
		const b = await openStore({ databaseUrl: db.url, dataDir: '', history: RULES });
		try {
			const day = simulateDay({ seed: 11, dayStart: WEEK_START, scale: 0.01 }).filter((e) =>
				e.type.startsWith('call.')
			);
			// Every call's events split between the two instances, sent in small concurrent batches.
			const toA = day.filter((_, i) => i % 2 === 0);
			const toB = day.filter((_, i) => i % 2 === 1);
			const send = async (store: EventStore, events: WallboardEvent[]) => {
				for (let i = 0; i < events.length; i += 25)
					await store.append(events.slice(i, i + 25), WEEK_START);
			};
			await Promise.all([
				send(a, toA),
				send(b, toB),
				send(a, toB.slice(0, 200)),
				send(b, toA.slice(0, 200))
			]);
			const kept = await readRollups(a.db);
			const calls = expectedCallsDaily(day);
			expect(
				new Map(
					kept.history_calls_daily!.map((r) => [
						`${r.day}|${r.queue}`,
						[
							'offered',
							'answered',
							'answered_within_target',
							'abandoned',
							'wait_ms_sum',
							'ended',
							'talk_ms_sum'
						].map((k) => Number(r[k]))
					])
				)
			).toEqual(calls);
			await rebuildHistory(a.db, RULES);
			expect(await readRollups(a.db)).toEqual(kept);
		} finally {
			await a.close();
			await b.close();
			await db.drop();
		}
	});
});

// ---- the real server -----------------------------------------------------------------------

describe('history API through the built server', () => {
	let server: AppHandle;
	let headers: Record<string, string>;
	const day = '2026-03-02';

	beforeAll(async () => {
		server = await startApp({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
		headers = await authHeaders(server, 'manager');
		const events = simulateDay({ seed: 3, dayStart: WEEK_START, scale: 0.01 }).filter(
			(e) => e.at < Date.now()
		);
		for (let i = 0; i < events.length; i += 2000) {
			const res = await fetch(`${server.url}/api/v1/events`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${TEST_INGEST_TOKEN}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify(
					events.slice(i, i + 2000).map((e) => ({ ...e, at: new Date(e.at).toISOString() }))
				)
			});
			expect(res.status, await res.text()).toBeLessThan(300);
		}
	}, 180_000);
	afterAll(async () => {
		await server?.stop();
		if (server) rmSync(server.dataDir, { recursive: true, force: true });
	});

	const get = (p: string) => fetch(`${server.url}${p}`, { headers });

	/** The CSV's sections by title: each a header row and data rows of split cells. */
	function csvSections(text: string) {
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).split('\r\n');
		const sections = new Map<string, { header: string[]; rows: string[][] }>();
		for (let i = 0; i < lines.length; i++) {
			if (lines[i] !== '' || lines[i + 1] === undefined || lines[i + 1] === '') continue;
			const title = lines[i + 1]!;
			const header = lines[i + 2]!.split(',');
			const rows: string[][] = [];
			for (let j = i + 3; j < lines.length && lines[j] !== ''; j++) rows.push(lines[j]!.split(','));
			sections.set(title, { header, rows });
		}
		return sections;
	}
	/** As the report rounds: counts whole, rates "87.5%", seconds whole, '' for null. */
	const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
	const int = (v: number | null) => (v === null ? '' : String(Math.round(v)));

	async function apiAndCsv(query: string, lang = '') {
		const summary = (await (
			await get(`/api/v1/history/summary?${query}`)
		).json()) as HistorySummary;
		const daily = (await (await get(`/api/v1/history/daily?${query}`)).json()) as HistoryDaily;
		const res = await get(`/api/v1/history/export.csv?${query}${lang}`);
		expect(res.status).toBe(200);
		// res.text() would drop the BOM: decode the bytes keeping it.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		return { summary, daily, res, sections: csvSections(text) };
	}

	it("the CSV is a report: human zh-CN headers, rounded figures, BOM; the API's numbers", async () => {
		const from = '2026-03-01';
		const to = '2026-03-04';
		const { summary, daily, res, sections } = await apiAndCsv(`from=${from}&to=${to}`);
		expect(summary.calls.all.offered).toBeGreaterThan(100);
		expect(summary.tickets.all.completion.closed).toBeGreaterThan(0);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="history_${from}_${to}.csv"`
		);
		expect([...sections.keys()]).toEqual([
			'报表信息',
			'关键指标',
			'按队列',
			'按工单类别',
			'按区域',
			'按承办单位',
			'每日'
		]);
		const kpis = sections.get('关键指标')!;
		expect(kpis.header).toEqual([
			'指标',
			'本期',
			'上期',
			'环比变化',
			'去年同期',
			'同比变化',
			'目标'
		]);
		const kpi = new Map(kpis.rows.map((r) => [r[0], r]));
		const all = summary.calls.all;
		expect(kpi.get('呼入')).toEqual([
			'呼入',
			int(all.offered),
			int(summary.previous.calls.offered),
			int(all.offered - summary.previous.calls.offered),
			int(summary.yearAgo.calls.offered),
			int(all.offered - summary.yearAgo.calls.offered),
			''
		]);
		expect(kpi.get('服务水平')![1]).toBe(pct(all.serviceLevel));
		expect(kpi.get('服务水平')![6]).toBe(pct(summary.targets.serviceLevel));
		expect(kpi.get('接通率')![1]).toBe(pct(all.answerRate));
		expect(kpi.get('平均应答（秒）')![1]).toBe(int(all.asaSeconds));
		expect(kpi.get('按时派单率')![1]).toBe(pct(summary.tickets.all.onTimeRate));
		expect(kpi.get('办结率')![1]).toBe(pct(summary.tickets.all.completion.completionRate));
		expect(kpi.get('办结（单位反馈）')![1]).toBe(int(summary.tickets.all.completion.closed));
		expect(kpi.get('满意率')![1]).toBe(pct(summary.tickets.all.satisfactionRate));
		// No machine key and no 16-digit float anywhere.
		const cells = [...sections.values()].flatMap((s) => [s.header, ...s.rows]).flat();
		expect(cells.filter((c) => /calls\.|tickets\.|waitSecondsSum/.test(c))).toEqual([]);
		expect(cells.filter((c) => /\d\.\d{3,}/.test(c))).toEqual([]);

		const queues = sections.get('按队列')!;
		expect(queues.header.slice(0, 3)).toEqual(['队列', '呼入', '接听']);
		expect(queues.rows.map((r) => r[0])).toEqual(Object.keys(summary.calls.byQueue));
		for (const r of queues.rows) {
			const q = summary.calls.byQueue[r[0]!]!;
			expect(r.slice(1)).toEqual([
				int(q.offered),
				int(q.answered),
				int(q.answeredWithinTarget),
				int(q.abandoned),
				pct(q.serviceLevel),
				pct(q.answerRate),
				pct(q.abandonRate),
				int(q.asaSeconds),
				int(q.ahtSeconds)
			]);
		}
		const departments = sections.get('按承办单位')!;
		expect(departments.rows.map((r) => r[0])).toEqual(Object.keys(summary.tickets.byDepartment));
		const col = (name: string) => departments.header.indexOf(name);
		for (const r of departments.rows) {
			const t = summary.tickets.byDepartment[r[0]!]!;
			expect(r[col('受理')]).toBe(int(t.created));
			expect(r[col('超时派单')]).toBe(int(t.dispatchedLate));
			expect(r[col('按时派单率')]).toBe(pct(t.onTimeRate));
			expect(r[col('办结率')]).toBe(pct(t.completion.completionRate));
		}
		const days = sections.get('每日')!;
		expect(days.rows.map((r) => r[0])).toEqual(daily.days.map((d) => d.day));
		days.rows.forEach((r, i) => {
			expect(r[days.header.indexOf('呼入')]).toBe(int(daily.days[i]!.calls.offered));
			expect(r[days.header.indexOf('工单 受理')]).toBe(int(daily.days[i]!.tickets.created));
		});
	});

	it("the CSV honours the queue filter: its call figures are that queue's", async () => {
		const from = '2026-03-01';
		const to = '2026-03-04';
		const hall = (await (
			await get(`/api/v1/history/summary?from=${from}&to=${to}`)
		).json()) as HistorySummary;
		const queue = Object.keys(hall.calls.byQueue).sort(
			(a, b) => hall.calls.byQueue[a]!.offered - hall.calls.byQueue[b]!.offered
		)[0]!;
		const { summary, daily, res, sections } = await apiAndCsv(
			`from=${from}&to=${to}&queue=${encodeURIComponent(queue)}`
		);
		expect(summary.queue).toBe(queue);
		expect(summary.calls.all).toEqual(hall.calls.byQueue[queue]);
		expect(summary.calls.all.offered).toBeLessThan(hall.calls.all.offered);
		expect(res.headers.get('content-disposition')).toContain(`_${queue}.csv`);
		const kpi = new Map(sections.get('关键指标')!.rows.map((r) => [r[0], r]));
		expect(kpi.get('呼入')![1]).toBe(int(summary.calls.all.offered));
		expect(kpi.get('呼入')![2]).toBe(int(summary.previous.calls.offered));
		expect(kpi.get('服务水平')![1]).toBe(pct(summary.calls.all.serviceLevel));
		expect(sections.get('按队列')!.rows.map((r) => r[0])).toEqual([queue]);
		const info = new Map(sections.get('报表信息')!.rows.map((r) => [r[0], r[1]]));
		expect(info.get('队列')).toBe(queue);
		const days = sections.get('每日')!;
		days.rows.forEach((r, i) =>
			expect(r[days.header.indexOf('呼入')]).toBe(int(daily.days[i]!.calls.offered))
		);
		expect(daily.days.reduce((n, d) => n + d.calls.offered, 0)).toBe(summary.calls.all.offered);
	});

	it('the CSV in English with ?lang=en', async () => {
		const { sections } = await apiAndCsv('from=2026-03-01&to=2026-03-04', '&lang=en');
		expect(sections.get('Key figures')!.header[0]).toBe('Figure');
		expect(sections.get('By queue')!.header.slice(0, 2)).toEqual(['Queue', 'Offered']);
	});

	it("the .xlsx opens with exceljs: one sheet per section, number formats, the API's figures", async () => {
		const from = '2026-03-01';
		const to = '2026-03-04';
		const summary = (await (
			await get(`/api/v1/history/summary?from=${from}&to=${to}`)
		).json()) as HistorySummary;
		const daily = (await (
			await get(`/api/v1/history/daily?from=${from}&to=${to}`)
		).json()) as HistoryDaily;
		const res = await get(`/api/v1/history/export.xlsx?from=${from}&to=${to}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="history_${from}_${to}.xlsx"`
		);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await res.arrayBuffer());
		expect(book.worksheets.map((w) => w.name)).toEqual([
			'报表信息',
			'关键指标',
			'按队列',
			'按工单类别',
			'按区域',
			'按承办单位',
			'每日'
		]);
		const rowsOf = (name: string) => {
			const sheet = book.getWorksheet(name)!;
			const out: ExcelJS.Row[] = [];
			sheet.eachRow((r) => out.push(r));
			return out;
		};
		const kpis = rowsOf('关键指标');
		expect(kpis[0]!.getCell(1).value).toBe('指标');
		expect(kpis[0]!.font?.bold).toBe(true);
		const kpi = (name: string) => kpis.find((r) => r.getCell(1).value === name)!;
		expect(kpi('呼入').getCell(2).value).toBe(summary.calls.all.offered);
		expect(kpi('呼入').getCell(2).numFmt).toBe('#,##0');
		expect(kpi('呼入').getCell(3).value).toBe(summary.previous.calls.offered);
		expect(kpi('呼入').getCell(5).value).toBe(summary.yearAgo.calls.offered);
		expect(kpi('服务水平').getCell(2).value).toBe(summary.calls.all.serviceLevel);
		expect(kpi('服务水平').getCell(2).numFmt).toBe('0.0%');
		expect(kpi('服务水平').getCell(7).value).toBe(summary.targets.serviceLevel);
		expect(kpi('平均应答（秒）').getCell(2).value).toBe(summary.calls.all.asaSeconds);
		expect(kpi('平均应答（秒）').getCell(2).numFmt).toBe('0');
		expect(kpi('办结率').getCell(2).value).toBe(summary.tickets.all.completion.completionRate);
		expect(kpi('满意率').getCell(2).value).toBe(summary.tickets.all.satisfactionRate);
		const queues = rowsOf('按队列');
		expect(queues.slice(1).map((r) => r.getCell(1).value)).toEqual(
			Object.keys(summary.calls.byQueue)
		);
		for (const r of queues.slice(1)) {
			const q = summary.calls.byQueue[String(r.getCell(1).value)]!;
			expect(r.getCell(2).value).toBe(q.offered);
			expect(r.getCell(6).value).toBe(q.serviceLevel);
		}
		const departments = rowsOf('按承办单位');
		expect(departments.length - 1).toBe(Object.keys(summary.tickets.byDepartment).length);
		const days = rowsOf('每日');
		expect(days.slice(1).map((r) => r.getCell(1).value)).toEqual(daily.days.map((d) => d.day));
		days.slice(1).forEach((r, i) => expect(r.getCell(2).value).toBe(daily.days[i]!.calls.offered));
	});

	it('intraday has 96 points per series and sums to the day', async () => {
		const res = await get(`/api/v1/history/intraday?day=${day}`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as {
			series: Array<{ key: string; points: Array<{ offered: number }> }>;
		};
		expect(body.series.map((s) => [s.key, s.points.length])).toEqual([
			['day', 96],
			['yesterday', 96],
			['lastWeek', 96]
		]);
		const daily = (await (
			await get(`/api/v1/history/daily?from=${day}&to=${day}`)
		).json()) as HistoryDaily;
		expect(body.series[0]!.points.reduce((n, p) => n + p.offered, 0)).toBe(
			daily.days[0]!.calls.offered
		);
	});

	it.each([
		['/api/v1/history/summary?to=2026-03-01', 'from: is required (YYYY-MM-DD)'],
		['/api/v1/history/summary?from=2026-03-05&to=2026-03-01', 'from: must not be after to'],
		[
			'/api/v1/history/daily?from=2020-01-01&to=2026-03-01',
			'to: range from..to must not exceed 5 years'
		],
		['/api/v1/history/export.csv?from=2026-02-30&to=2026-03-01', 'from: must be a calendar date'],
		['/api/v1/history/intraday?day=today', 'day: must be a calendar date']
	])('%s → 400 naming the parameter', async (p, message) => {
		const res = await get(p);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toContain(message);
	});
});
