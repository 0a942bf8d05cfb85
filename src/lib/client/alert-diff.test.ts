import { describe, expect, it } from 'vitest';
import type { Alert } from '$lib/contract';
import { escalationAlarm, newRedAlerts, NO_ALARM } from './alert-diff';

const alert = (id: number, level: 'warn' | 'bad'): Alert => ({
	id,
	key: `k${id}`,
	metric: 'longestWaitSeconds',
	scope: 'all',
	level,
	value: 1,
	raisedAt: '2026-03-02T00:00:00.000Z',
	clearedAt: null,
	ackedAt: null,
	ackedBy: null
});

describe('newRedAlerts', () => {
	it('nothing on the first list; then only new red ones', () => {
		expect(newRedAlerts(null, [alert(1, 'bad')])).toEqual([]);
		expect(
			newRedAlerts(new Set([1]), [alert(1, 'bad'), alert(2, 'bad'), alert(3, 'warn')])
		).toEqual([2]);
		expect(newRedAlerts(new Set([1, 2]), [alert(2, 'bad')])).toEqual([]);
	});
});

describe('escalationAlarm (pinned clock)', () => {
	const escalated = (id: number, acked = false): Alert => ({
		...alert(id, 'bad'),
		escalatedAt: '2026-03-02T00:10:00.000Z',
		ackedAt: acked ? '2026-03-02T00:11:00.000Z' : null
	});
	/** Runs the alarm over (seconds, active list) steps; returns the seconds it sounded at. */
	function run(steps: Array<[number, Alert[]]>) {
		let state = NO_ALARM;
		const out: number[] = [];
		for (const [sec, active] of steps) {
			const r = escalationAlarm(state, active, sec * 1000, 30_000);
			state = r.state;
			if (r.sound) out.push(sec);
		}
		return out;
	}

	it('sounds at once, again every 30 s, stops once acknowledged', () => {
		const a = [escalated(1)];
		expect(
			run([
				[0, [alert(1, 'bad')]],
				[5, a],
				[20, a],
				[34, a],
				[35, a],
				[64, a],
				[65, a],
				[70, [escalated(1, true)]],
				[200, [escalated(1, true)]]
			])
		).toEqual([5, 35, 65]);
	});

	it('a second escalated alert sounds at once, not waiting for the repeat', () => {
		expect(
			run([
				[0, [escalated(1)]],
				[10, [escalated(1), escalated(2)]],
				[20, [escalated(1), escalated(2)]],
				[40, [escalated(1), escalated(2)]]
			])
		).toEqual([0, 10, 40]);
	});
});
