import { describe, expect, it } from 'vitest';
import type { Alert } from '$lib/contract';
import { newRedAlerts } from './alert-diff';

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
