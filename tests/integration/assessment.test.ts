/**
 * The 接诉即办 assessment end to end, in-process app (tests/helpers/app.ts; `npm run build` first):
 * tickets with surveys across districts, streets and departments in September and October 2026
 * are posted through the ingest API, then every figure of GET /api/v1/history/assessment equals
 * an independent computation here over the posted events — the earliest created gives district,
 * street and topic, the first dispatch the department, the latest survey counts on its own
 * Beijing day (UTC+8) — with the documented weights (default 30/35/35; after PUT, the new ones),
 * minimum (10) and tie rule. Also: the topic trend, the CSV, the weights' validation and access.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	AssessmentRanking,
	AssessmentWeights,
	HistoryAssessment,
	TopicTrend
} from '../../src/lib/contract/assessment';
import type { WallboardEvent } from '../../src/lib/contract/events';
import { ev } from '../fixtures/events';
import { authHeaders, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { startApp, type AppHandle } from '../helpers/app';
import { TEST_INGEST_TOKEN } from '../helpers/server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STREETS: Record<string, string[]> = {
	东城区: ['东华门街道', '景山街道'],
	朝阳区: ['望京街道', '建外街道', '劲松街道'],
	延庆区: ['儒林街道']
};
const DEPARTMENTS = ['北京市热力集团', '北京市自来水集团', '朝阳区城管委', '东城区住建委'];
const TOPICS = ['供暖', '停水', '噪音扰民'];

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function scenario(): WallboardEvent[] {
	const r = rng(42);
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
	const events: WallboardEvent[] = [];
	let n = 0;
	const id = () => `as-${n++}`;
	const start = Date.parse('2026-08-31T16:00:00Z'); // 2026-09-01 00:00 Beijing
	for (let i = 0; i < 420; i++) {
		const t = `as-t${i}`;
		// 延庆区 gets few tickets: listed, not ranked.
		const district = i % 60 === 0 ? '延庆区' : pick(['东城区', '朝阳区', '朝阳区']);
		const at = start + Math.floor(r() * 60 * DAY);
		const street = pick(STREETS[district]!);
		const topic = pick(TOPICS);
		events.push(ev.created(id(), t, 'livelihood', at, { district, street, topic }));
		// A later duplicate "created" naming another place: the earliest wins.
		if (i % 17 === 0) {
			events.push(
				ev.created(id(), t, 'livelihood', at + HOUR, {
					district: '朝阳区',
					street: '劲松街道',
					topic: '停水'
				})
			);
		}
		if (i % 9 === 0) continue; // never dispatched, never surveyed
		const department = pick(DEPARTMENTS);
		events.push(ev.dispatched(id(), t, at + HOUR, department));
		if (i % 5 === 0) events.push(ev.dispatched(id(), t, at + 2 * HOUR, '北京市自来水集团'));
		if (i % 7 === 3) continue; // dispatched, not surveyed
		// Surveyed 1–4 days later (may land in the next month); sometimes surveyed again later.
		const surveyAt = at + DAY + Math.floor(r() * 3 * DAY);
		const answers = () => ({ responded: r() < 0.95, resolved: r() < 0.75, satisfied: r() < 0.85 });
		events.push(ev.survey(id(), t, answers(), surveyAt));
		if (i % 11 === 0) events.push(ev.survey(id(), t, answers(), surveyAt + 3 * DAY));
	}
	return events.filter((e) => e.at < Date.now());
}

// ---- the independent computation -----------------------------------------------------------

const beijingDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
type Counts = { surveyed: number; responded: number; resolved: number; satisfied: number };
type Unit = Counts & { name: string; district?: string };

function surveyedTickets(events: WallboardEvent[], from: string, to: string) {
	const byTicket = new Map<string, WallboardEvent[]>();
	for (const e of events) {
		const t = (e as { ticketId: string }).ticketId;
		byTicket.set(t, [...(byTicket.get(t) ?? []), e]);
	}
	const out: Array<{ district: string; street: string; department: string } & Counts> = [];
	const earliest = (list: WallboardEvent[]) =>
		list.toSorted((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))[0];
	for (const list of byTicket.values()) {
		const created = earliest(list.filter((e) => e.type === 'ticket.created'));
		const dispatched = earliest(list.filter((e) => e.type === 'ticket.dispatched'));
		const surveys = list.filter((e) => e.type === 'ticket.survey');
		const survey = surveys.toSorted((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))[0];
		if (!created || !survey || created.type !== 'ticket.created' || survey.type !== 'ticket.survey')
			continue;
		const day = beijingDay(survey.at);
		if (day < from || day > to) continue;
		out.push({
			district: created.district,
			street: created.street ?? '',
			department: dispatched?.type === 'ticket.dispatched' ? dispatched.department : '',
			surveyed: 1,
			responded: survey.responded ? 1 : 0,
			resolved: survey.resolved ? 1 : 0,
			satisfied: survey.satisfied ? 1 : 0
		});
	}
	return out;
}

function groupBy(
	rows: ReturnType<typeof surveyedTickets>,
	key: 'district' | 'street' | 'department'
) {
	const out = new Map<string, Unit>();
	for (const r of rows) {
		if (key !== 'district' && r[key] === '') continue;
		const k = key === 'street' ? `${r.district}/${r.street}` : r[key];
		const u = out.get(k) ?? {
			name: r[key],
			...(key === 'street' ? { district: r.district } : {}),
			surveyed: 0,
			responded: 0,
			resolved: 0,
			satisfied: 0
		};
		u.surveyed += 1;
		u.responded += r.responded;
		u.resolved += r.resolved;
		u.satisfied += r.satisfied;
		out.set(k, u);
	}
	return [...out.values()];
}

/** The README's rule: score = Σ weight% × rate; ranked when surveyed ≥ 10, by score, surveyed, name. */
function expectedRanking(units: Unit[], w: AssessmentWeights) {
	const score = (u: Unit) =>
		(w.responseRate * u.responded) / u.surveyed +
		(w.resolutionRate * u.resolved) / u.surveyed +
		(w.satisfactionRate * u.satisfied) / u.surveyed;
	const key = (u: Unit) => `${u.district ?? ''}\u0000${u.name}`;
	const ranked = units
		.filter((u) => u.surveyed >= 10)
		.sort((a, b) => score(b) - score(a) || b.surveyed - a.surveyed || (key(a) < key(b) ? -1 : 1));
	return new Map(
		units.map((u) => {
			const i = ranked.indexOf(u);
			return [key(u), { ...u, score: score(u), rank: i < 0 ? null : i + 1 }];
		})
	);
}

function expectRanking(
	actual: AssessmentRanking,
	events: WallboardEvent[],
	period: { from: string; to: string; previous: { from: string; to: string } },
	key: 'district' | 'street' | 'department',
	w: AssessmentWeights
) {
	const now = expectedRanking(groupBy(surveyedTickets(events, period.from, period.to), key), w);
	const before = expectedRanking(
		groupBy(surveyedTickets(events, period.previous.from, period.previous.to), key),
		w
	);
	expect(actual.units).toHaveLength(now.size);
	for (const u of actual.units) {
		const k = `${u.district ?? ''}\u0000${u.name}`;
		const e = now.get(k)!;
		const p = before.get(k);
		expect(e, `${key} ${k}`).toBeDefined();
		expect({ ...u, score: 0, scoreChange: 0, previousScore: 0 }).toEqual({
			name: e.name,
			...(e.district === undefined ? {} : { district: e.district }),
			surveyed: e.surveyed,
			responded: e.responded,
			resolved: e.resolved,
			satisfied: e.satisfied,
			responseRate: e.responded / e.surveyed,
			resolutionRate: e.resolved / e.surveyed,
			satisfactionRate: e.satisfied / e.surveyed,
			score: 0,
			rank: e.rank,
			previousRank: p?.rank ?? null,
			previousScore: 0,
			rankChange: e.rank !== null && p?.rank != null ? p.rank - e.rank : null,
			scoreChange: 0
		});
		expect(u.score).toBeCloseTo(e.score, 9);
		if (p) expect(u.scoreChange!).toBeCloseTo(e.score - p.score, 9);
		else expect(u.scoreChange).toBeNull();
	}
	const ranked = actual.units.filter((u) => u.rank !== null);
	expect(actual.red).toEqual(ranked.slice(0, 5));
	expect(actual.black).toEqual(ranked.slice(actual.red.length).reverse().slice(0, 5));
}

describe('assessment API', () => {
	let server: AppHandle;
	let manager: Record<string, string>;
	let admin: Record<string, string>;
	const events = scenario();
	const get = async <T>(p: string, headers = manager): Promise<T> => {
		const res = await fetch(`${server.url}${p}`, { headers });
		expect(res.status, await res.clone().text()).toBe(200);
		return (await res.json()) as T;
	};

	beforeAll(async () => {
		server = await startApp({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
		manager = await authHeaders(server, 'manager');
		admin = await authHeaders(server, 'admin');
		// Shuffled (a fixed order): arrival order must not matter.
		const r = rng(7);
		const shuffled = events.toSorted(() => 0).map((e) => [r(), e] as const);
		shuffled.sort((a, b) => a[0] - b[0]);
		const body = shuffled.map(([, e]) => ({ ...e, at: new Date(e.at).toISOString() }));
		for (let i = 0; i < body.length; i += 500) {
			const res = await fetch(`${server.url}/api/v1/events`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${TEST_INGEST_TOKEN}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify(body.slice(i, i + 500))
			});
			expect(res.status, await res.text()).toBeLessThan(300);
		}
	}, 120_000);
	afterAll(async () => {
		await server?.stop();
		if (server) rmSync(server.dataDir, { recursive: true, force: true });
	});

	const W0 = { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 };

	it('October: every figure equals the sums over the posted surveys, weights 30/35/35', async () => {
		const a = await get<HistoryAssessment>(
			'/api/v1/history/assessment?from=2026-10-01&to=2026-10-31'
		);
		expect(a.previous).toEqual({ from: '2026-09-01', to: '2026-09-30' });
		expect(a.weights).toEqual(W0);
		expect(a.minSurveyed).toBe(10);
		for (const key of ['district', 'street', 'department'] as const) {
			const ranking =
				key === 'district' ? a.districts : key === 'street' ? a.streets : a.departments;
			expectRanking(ranking, events, a, key, W0);
		}
		const all = surveyedTickets(events, '2026-10-01', '2026-10-31');
		expect(a.all.surveyed).toBe(all.length);
		expect(a.districts.units.find((u) => u.name === '延庆区')?.rank).toBeNull();
		expect(a.districts.units.filter((u) => u.rank !== null).length).toBeGreaterThanOrEqual(2);
	});

	it('a custom range (partial months, from the daily rollups) against the same-length range before', async () => {
		const a = await get<HistoryAssessment>(
			'/api/v1/history/assessment?from=2026-09-20&to=2026-10-09'
		);
		expect(a.previous).toEqual({ from: '2026-08-31', to: '2026-09-19' });
		expectRanking(a.districts, events, a, 'district', W0);
		expectRanking(a.streets, events, a, 'street', W0);
	});

	it('PUT weights (admin): validated, stored, and the scores follow them', async () => {
		const put = (body: unknown, headers = admin) =>
			fetch(`${server.url}/api/v1/assessment-weights`, {
				method: 'PUT',
				headers: { ...headers, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		expect((await put({ responseRate: 50, resolutionRate: 50, satisfactionRate: 10 })).status).toBe(
			400
		);
		const bad = await put({ responseRate: -10, resolutionRate: 60, satisfactionRate: 50 });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
			'responseRate'
		);
		expect((await put(W0, manager)).status).toBe(403);
		const W1 = { responseRate: 0, resolutionRate: 100, satisfactionRate: 0 };
		const ok = await put(W1);
		expect(ok.status).toBe(200);
		expect(await get('/api/v1/assessment-weights')).toEqual(W1);
		const a = await get<HistoryAssessment>(
			'/api/v1/history/assessment?from=2026-10-01&to=2026-10-31'
		);
		expect(a.weights).toEqual(W1);
		expectRanking(a.districts, events, a, 'district', W1);
		expectRanking(a.departments, events, a, 'department', W1);
		// 0/100/0: the score is the resolution rate in points.
		for (const u of a.districts.units) expect(u.score).toBeCloseTo(100 * u.resolutionRate!, 9);
		expect((await put(W0)).status).toBe(200);
	});

	it('the topic trend: created per month by the earliest created, and the three rates', async () => {
		const trend = await get<TopicTrend>(
			'/api/v1/history/topic-trend?topic=供暖&months=3&to=2026-10-15'
		);
		expect(trend.months.map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10']);
		const byTicket = new Map<string, WallboardEvent>();
		for (const e of events.filter((x) => x.type === 'ticket.created')) {
			const t = (e as { ticketId: string }).ticketId;
			const cur = byTicket.get(t);
			if (!cur || e.at < cur.at) byTicket.set(t, e);
		}
		const created = (month: string) =>
			[...byTicket.values()].filter(
				(e) =>
					e.type === 'ticket.created' && e.topic === '供暖' && beijingDay(e.at).startsWith(month)
			).length;
		expect(trend.months.map((m) => m.created)).toEqual([0, created('2026-09'), created('2026-10')]);
		expect(trend.months[2]!.created).toBeGreaterThan(0);
		expect(trend.months[0]!.responseRate).toBeNull();
		const bad = await fetch(`${server.url}/api/v1/history/topic-trend?months=0`, {
			headers: manager
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { message: string }).message).toMatch(
			/topic: is required.*months/
		);
	});

	it('the CSV: BOM, readable headers, rates as percentages with one decimal', async () => {
		const res = await fetch(
			`${server.url}/api/v1/history/assessment.csv?from=2026-10-01&to=2026-10-31`,
			{
				headers: manager
			}
		);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		expect(text.startsWith('\uFEFF接诉即办考核')).toBe(true);
		expect(text).toContain(
			'排名,名称,所属区,回访量,响应率,解决率,满意率,综合得分,上期排名,名次变化,得分变化'
		);
		const a = await get<HistoryAssessment>(
			'/api/v1/history/assessment?from=2026-10-01&to=2026-10-31'
		);
		const top = a.districts.units[0]!;
		const pct = (x: number | null) => `${(x! * 100).toFixed(1)}%`;
		expect(text).toContain(
			`${top.rank},${top.name},,${top.surveyed},${pct(top.responseRate)},${pct(top.resolutionRate)},${pct(top.satisfactionRate)},${top.score!.toFixed(1)},`
		);
		const en = await (
			await fetch(
				`${server.url}/api/v1/history/assessment.csv?from=2026-10-01&to=2026-10-31&lang=en`,
				{
					headers: manager
				}
			)
		).text();
		expect(en).toContain(
			'Rank,Name,District,Surveyed,Response rate,Resolution rate,Satisfaction rate,Score'
		);
	});
});
