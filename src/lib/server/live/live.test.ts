import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract';
import { DEFAULT_METRICS_CONFIG } from '../../metrics';
import type { EventStore } from '../db/store';
import { createTelemetry } from '../telemetry';
import { createLive } from '.';

const NOW = Date.parse('2026-03-02T04:00:00Z');

describe('the live feature', () => {
	it('serves the restored state at once, before any tick (a restart after kill -9)', async () => {
		const restored: WallboardEvent[] = [
			{ id: 'o1', type: 'call.offered', at: NOW - 60_000, callId: 'c1', queue: 'general' },
			{ id: 'o2', type: 'call.offered', at: NOW - 30_000, callId: 'c2', queue: 'general' }
		];
		const store = { loadLive: async () => restored } as unknown as EventStore;
		const live = createLive({
			rules: DEFAULT_METRICS_CONFIG,
			now: () => NOW,
			telemetry: createTelemetry()
		});
		try {
			expect(await live.restore(store)).toBe(2);
			live.start({ healthy: () => true });
			expect(live.current().calls.all.waiting).toBe(2);
			expect(live.current().calls.all.offeredToday).toBe(2);
			expect((await live.snapshot()).calls.byQueue.general?.waiting).toBe(2);
		} finally {
			live.close();
		}
	});
});
