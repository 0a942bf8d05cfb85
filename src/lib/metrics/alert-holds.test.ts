import { describe, expect, it } from 'vitest';
import type { AgentState } from '../contract/events';
import {
	dueForEscalation,
	evaluateAgentBreaches,
	EMPTY_HOLD_STATE,
	reconcileWithHolds,
	type ActiveAlert,
	type Breach,
	type HoldState
} from './alerts';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds';

const k = 'longestWaitSeconds:all';
const b = (level: 'warn' | 'bad', value: number): Breach => ({
	key: k,
	metric: 'longestWaitSeconds',
	scope: 'all',
	level,
	value
});
const HOLDS = { raiseHoldMs: 20_000, clearHoldMs: 30_000 };

/** Evaluations at the given seconds (pinned clock), applying changes as the server does. */
function run(steps: Array<[seconds: number, breaches: Breach[]]>) {
	let active: ActiveAlert[] = [];
	let state: HoldState = EMPTY_HOLD_STATE;
	const log: string[] = [];
	for (const [sec, breaches] of steps) {
		const r = reconcileWithHolds(active, breaches, state, sec * 1000, HOLDS);
		state = r.state;
		const c = r.changes;
		for (const x of c.raise) log.push(`${sec}s raise ${x.value}`);
		for (const x of c.update) log.push(`${sec}s update ${x.level} ${x.value}`);
		if (c.clear.length > 0) log.push(`${sec}s clear`);
		active = active
			.filter((a) => !c.clear.includes(a.key))
			.map((a) => {
				const u = c.update.find((x) => x.key === a.key);
				return u ? { key: u.key, level: u.level, value: u.value } : a;
			})
			.concat(c.raise.map((x) => ({ key: x.key, level: x.level, value: x.value })));
	}
	return log;
}

describe('reconcileWithHolds (pinned clock)', () => {
	it('raises only after 20 s of red, clears only after 30 s without a breach', () => {
		expect(
			run([
				[0, [b('bad', 61)]],
				[10, [b('bad', 71)]],
				[19, [b('bad', 80)]],
				[20, [b('bad', 81)]],
				[21, [b('bad', 82)]],
				[30, []],
				[59, []],
				[60, []]
			])
		).toEqual(['20s raise 81', '21s update bad 82', '60s clear']);
	});

	it('a red lasting 7 s (a restart’s stale wait) raises nothing', () => {
		expect(
			run([
				[0, [b('bad', 300)]],
				[7, []],
				[60, []]
			])
		).toEqual([]);
	});

	it('red interrupted by amber starts the raise hold again', () => {
		expect(
			run([
				[0, [b('bad', 61)]],
				[15, [b('warn', 50)]],
				[16, [b('bad', 61)]],
				[35, [b('bad', 61)]],
				[36, [b('bad', 61)]]
			])
		).toEqual(['36s raise 61']);
	});

	it('an alert whose figure returns before the clear hold stays the same alert', () => {
		expect(
			run([
				[0, [b('bad', 61)]],
				[20, [b('bad', 61)]],
				[25, []],
				[50, [b('bad', 65)]],
				[60, []],
				[89, []],
				[90, []]
			])
		).toEqual(['20s raise 61', '50s update bad 65', '90s clear']);
	});

	it('zero holds behave as the plain reconciliation', () => {
		const r = reconcileWithHolds([], [b('bad', 61)], EMPTY_HOLD_STATE, 0, {
			raiseHoldMs: 0,
			clearHoldMs: 0
		});
		expect(r.changes.raise.map((x) => x.key)).toEqual([k]);
	});
});

describe('dueForEscalation (pinned clock)', () => {
	const MIN = 60_000;
	const base = { level: 'bad' as const, raisedAt: 0, ackedAt: null, escalatedAt: null };
	it('red, unacknowledged, raised 10 min ago: escalates; not a moment earlier', () => {
		expect(dueForEscalation([{ ...base, key: 'a' }], 10 * MIN - 1, 10 * MIN)).toEqual([]);
		expect(dueForEscalation([{ ...base, key: 'a' }], 10 * MIN, 10 * MIN)).toEqual(['a']);
	});
	it('acknowledged, amber or already escalated: not again', () => {
		expect(
			dueForEscalation(
				[
					{ ...base, key: 'acked', ackedAt: 5 * MIN },
					{ ...base, key: 'amber', level: 'warn' },
					{ ...base, key: 'done', escalatedAt: 10 * MIN },
					{ ...base, key: 'b' },
					{ ...base, key: 'a' }
				],
				20 * MIN,
				10 * MIN
			)
		).toEqual(['a', 'b']);
	});
});

describe('evaluateAgentBreaches (long call, wrap-up, break; per team)', () => {
	const NOW = Date.parse('2026-03-02T02:00:00Z');
	const MIN = 60_000;
	const agent = (agentId: string, state: AgentState, minutes: number, team: string | null) => ({
		agentId,
		state,
		since: NOW - minutes * MIN,
		team
	});
	it('defaults: call red past 20 min, wrap-up past 3, break past 30; amber in between', () => {
		const got = evaluateAgentBreaches(
			[
				agent('A1', 'busy', 21, 'general'),
				agent('A2', 'busy', 16, 'general'),
				agent('A3', 'busy', 10, 'general'),
				agent('A4', 'wrapup', 4, null),
				agent('A5', 'break', 31, 'elderly'),
				agent('A6', 'available', 300, 'elderly'),
				agent('A7', 'offline', 300, 'elderly')
			],
			DEFAULT_THRESHOLDS,
			NOW
		);
		expect(got.map((b) => `${b.key} ${b.level} ${b.value}`)).toEqual([
			'longBreakSeconds:A5 bad 1860',
			'longCallSeconds:A1 bad 1260',
			'longCallSeconds:A2 warn 960',
			'longWrapupSeconds:A4 bad 240'
		]);
	});
	it('a team’s own band applies to its agents only', () => {
		const thresholds = resolveThresholds({
			byQueue: { elderly: { longCallSeconds: { good: 5 * 60, warn: 8 * 60 } } }
		});
		const got = evaluateAgentBreaches(
			[agent('E1', 'busy', 9, 'elderly'), agent('G1', 'busy', 9, 'general')],
			thresholds,
			NOW
		);
		expect(got.map((b) => `${b.key} ${b.level}`)).toEqual(['longCallSeconds:E1 bad']);
	});
});
