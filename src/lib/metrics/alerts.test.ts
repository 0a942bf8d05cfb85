import { describe, expect, it } from 'vitest';
import type { QueueStats, Snapshot } from '../contract/snapshot';
import {
	evaluateBreaches,
	parseAlertKey,
	reconcileAlerts,
	type ActiveAlert,
	parseSurgeScope,
	surgeScope,
	type Breach
} from './alerts';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds';

function queue(over: Partial<QueueStats> = {}): QueueStats {
	return {
		waiting: 0,
		longestWaitSeconds: 0,
		offeredToday: 0,
		answeredToday: 0,
		abandonedToday: 0,
		answeredWithinTargetToday: 0,
		serviceLevelToday: null,
		asaSecondsToday: null,
		abandonRateToday: null,
		answered24h: 0,
		abandoned24h: 0,
		answerRate24h: null,
		abandonedAwaitingCallback: 0,
		oldestAwaitingCallbackAt: null,
		calledBack24h: 0,
		answerRate24hIn1h: null,
		staffing: {
			offered30m: 0,
			ahtSeconds30m: null,
			agentsNeeded: null,
			agentsOnDuty: 0,
			gap: null
		},
		...over
	};
}

function snap(
	all: Partial<QueueStats>,
	byQueue: Record<string, Partial<QueueStats>> = {},
	overdue = { emergency: 0, livelihood: 0, general: 0 }
): Pick<Snapshot, 'calls' | 'tickets'> {
	return {
		calls: {
			all: queue(all),
			byQueue: Object.fromEntries(Object.entries(byQueue).map(([k, v]) => [k, queue(v)]))
		},
		tickets: {
			pending: overdue,
			overdue,
			overdueList: [],
			dispatchedToday: 0,
			dispatchedOnTimeToday: 0,
			survey30d: { surveyed: 0, responseRate: null, resolutionRate: null, satisfactionRate: null },
			byDistrict: {},
			topicsToday: []
		}
	};
}

describe('evaluateBreaches', () => {
	it('lists the figures in warn or bad with their value, hall and queues, against the defaults', () => {
		// SL 0.85 warn (80–90 %), answer rate 0.96 good, longest wait 75 s bad (> 60 s),
		// one overdue emergency bad; elderly: SL 0.5 bad, wait 30 s warn; general all good.
		const s = snap(
			{ serviceLevelToday: 0.85, answerRate24h: 0.96, longestWaitSeconds: 75 },
			{
				elderly: { serviceLevelToday: 0.5, longestWaitSeconds: 30 },
				general: { serviceLevelToday: 0.95, longestWaitSeconds: 5 }
			},
			{ emergency: 1, livelihood: 0, general: 0 }
		);
		expect(evaluateBreaches(s, DEFAULT_THRESHOLDS)).toEqual([
			{
				key: 'serviceLevelToday:all',
				metric: 'serviceLevelToday',
				scope: 'all',
				level: 'warn',
				value: 0.85
			},
			{
				key: 'longestWaitSeconds:all',
				metric: 'longestWaitSeconds',
				scope: 'all',
				level: 'bad',
				value: 75
			},
			{
				key: 'overdueEmergency:all',
				metric: 'overdueEmergency',
				scope: 'all',
				level: 'bad',
				value: 1
			},
			{
				key: 'serviceLevelToday:elderly',
				metric: 'serviceLevelToday',
				scope: 'elderly',
				level: 'bad',
				value: 0.5
			},
			{
				key: 'longestWaitSeconds:elderly',
				metric: 'longestWaitSeconds',
				scope: 'elderly',
				level: 'warn',
				value: 30
			}
		]);
	});

	it('uses a queue’s own band and ignores figures without a value', () => {
		const t = resolveThresholds({
			byQueue: { vip: { longestWaitSeconds: { good: 5, warn: 10 } } }
		});
		const s = snap({ serviceLevelToday: null }, { vip: { longestWaitSeconds: 12 } });
		expect(evaluateBreaches(s, t).map((b) => [b.key, b.level])).toEqual([
			['longestWaitSeconds:vip', 'bad']
		]);
	});

	it('parses keys whose queue holds a colon', () => {
		expect(parseAlertKey('longestWaitSeconds:a:b')).toEqual({
			metric: 'longestWaitSeconds',
			scope: 'a:b'
		});
	});
});

describe('reconcileAlerts', () => {
	const b = (key: string, level: 'warn' | 'bad', value: number): Breach => ({
		key,
		metric: 'longestWaitSeconds',
		scope: 'all',
		level,
		value
	});

	/** Runs a sequence of evaluations, applying the changes as the server does. */
	function run(steps: Breach[][]) {
		let active: ActiveAlert[] = [];
		const log: string[] = [];
		for (const breaches of steps) {
			const c = reconcileAlerts(active, breaches);
			for (const r of c.raise) log.push(`raise ${r.key} ${r.level} ${r.value}`);
			for (const u of c.update) log.push(`update ${u.key} ${u.level} ${u.value}`);
			for (const k of c.clear) log.push(`clear ${k}`);
			active = active
				.filter((a) => !c.clear.includes(a.key))
				.map((a) => {
					const u = c.update.find((x) => x.key === a.key);
					return u ? { key: u.key, level: u.level, value: u.value } : a;
				})
				.concat(c.raise.map((r) => ({ key: r.key, level: r.level, value: r.value })));
		}
		return { log, active };
	}

	it('warn alone raises nothing; bad raises; it follows the value and clears at good', () => {
		const k = 'longestWaitSeconds:all';
		expect(
			run([[b(k, 'warn', 30)], [b(k, 'bad', 61)], [b(k, 'bad', 62)], [b(k, 'bad', 62)], []]).log
		).toEqual([`raise ${k} bad 61`, `update ${k} bad 62`, `clear ${k}`]);
	});

	it('flapping between bad and warn stays one alert; bad → good → bad is two', () => {
		const k = 'serviceLevelToday:all';
		const flapping = run([
			[b(k, 'bad', 0.7)],
			[b(k, 'warn', 0.81)],
			[b(k, 'bad', 0.79)],
			[b(k, 'warn', 0.8)]
		]);
		expect(flapping.log).toEqual([
			`raise ${k} bad 0.7`,
			`update ${k} warn 0.81`,
			`update ${k} bad 0.79`,
			`update ${k} warn 0.8`
		]);
		expect(flapping.active).toEqual([{ key: k, level: 'warn', value: 0.8 }]);
		expect(run([[b(k, 'bad', 0.7)], [], [b(k, 'bad', 0.7)]]).log).toEqual([
			`raise ${k} bad 0.7`,
			`clear ${k}`,
			`raise ${k} bad 0.7`
		]);
	});

	it('keeps unrelated alerts apart', () => {
		const c = reconcileAlerts(
			[{ key: 'a', level: 'bad', value: 1 }],
			[b('a', 'bad', 1), b('b', 'bad', 2)]
		);
		expect(c).toEqual({ raise: [b('b', 'bad', 2)], update: [], clear: [] });
	});
});

describe('surge scopes', () => {
	it.each([
		['朝阳区', '供暖', '朝阳区/供暖'],
		['朝阳区', undefined, '朝阳区/'],
		['', '停水', '/停水'],
		['a/b%c', 'x/y', 'a%2Fb%25c/x%2Fy']
	])('%s × %s ↔ %s', (district, topic, scope) => {
		expect(surgeScope(district, topic)).toBe(scope);
		expect(parseSurgeScope(scope)).toEqual(
			topic === undefined ? { district } : { district, topic }
		);
	});
});
