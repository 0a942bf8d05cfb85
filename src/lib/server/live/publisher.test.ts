import { describe, expect, it } from 'vitest';
import {
	applyMergePatch,
	HEARTBEAT_INTERVAL_MS,
	type LiveSnapshot,
	type Snapshot
} from '../../contract';
import { createPublisher } from './publisher';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');

function fakeSnapshot(now: number, waiting: number, rate: number | null): LiveSnapshot {
	const q = {
		waiting,
		longestWaitSeconds: 0,
		offeredToday: waiting,
		answeredToday: 0,
		abandonedToday: 0,
		answeredWithinTargetToday: 0,
		serviceLevelToday: rate,
		asaSecondsToday: null,
		abandonRateToday: null,
		answered24h: 0,
		abandoned24h: 0,
		answerRate24h: null,
		abandonedAwaitingCallback: 0,
		oldestAwaitingCallbackAt: null,
		calledBack24h: 0,
		answerRate24hIn1h: null,
		staffing: { offered30m: 0, ahtSeconds30m: null, agentsNeeded: null, agentsOnDuty: 0, gap: null }
	};
	return {
		at: new Date(now).toISOString(),
		timezone: 'Asia/Shanghai',
		businessDay: '2026-03-02',
		calls: { all: q, byQueue: { general: q } },
		agents: { available: 0, busy: 0, wrapup: 0, break: 0, offline: 0 },
		tickets: {
			pending: { emergency: 0, livelihood: 0, general: 0 },
			overdue: { emergency: 0, livelihood: 0, general: 0 },
			overdueList: [],
			dispatchedToday: 0,
			dispatchedOnTimeToday: 0,
			survey30d: { surveyed: 0, responseRate: null, resolutionRate: null, satisfactionRate: null },
			byDistrict: {},
			topicsToday: []
		}
	};
}

function setup() {
	const world = { waiting: 0, rate: null as number | null };
	const p = createPublisher((now) => fakeSnapshot(now, world.waiting, world.rate), T0);
	return { world, p };
}

describe('publisher', () => {
	it('starts at seq 1 with the computed snapshot', () => {
		const { p } = setup();
		expect(p.current().seq).toBe(1);
		expect(p.current().at).toBe('2026-03-02T02:00:00.000Z');
	});

	it('pushes nothing while nothing changes within the same second', () => {
		const { p } = setup();
		expect(p.tick(T0 + 100)).toBeNull();
		expect(p.tick(T0 + 900)).toBeNull();
	});

	it('pushes a change at the next tick, as a patch from the previous seq', () => {
		const { world, p } = setup();
		world.waiting = 3;
		p.markDirty();
		const msg = p.tick(T0 + 100)!;
		expect(msg).toEqual({
			seq: 2,
			base: 1,
			patch: {
				seq: 2,
				at: '2026-03-02T02:00:00.100Z',
				calls: {
					all: { waiting: 3, offeredToday: 3 },
					byQueue: { general: { waiting: 3, offeredToday: 3 } }
				}
			}
		});
		expect(p.current().seq).toBe(2);
		expect(p.current().calls.all.waiting).toBe(3);
	});

	it('removes a field that becomes null and sets it again later', () => {
		const { world, p } = setup();
		world.rate = 0.9;
		p.markDirty();
		const a = p.tick(T0 + 100)!;
		world.rate = null;
		p.markDirty();
		const b = p.tick(T0 + 200)!;
		expect((b.patch.calls as { all: Record<string, unknown> }).all.serviceLevelToday).toBeNull();
		let client: Snapshot = setup().p.current();
		client = applyMergePatch(client, a.patch);
		client = applyMergePatch(client, b.patch);
		expect(client.calls.all.serviceLevelToday ?? null).toBeNull();
		expect('serviceLevelToday' in client.calls.all).toBe(false);
	});

	it('a dirty tick whose result did not change pushes nothing', () => {
		const { p } = setup();
		p.markDirty();
		expect(p.tick(T0 + 100)).toBeNull();
		expect(p.dirty).toBe(false);
	});

	it('sends a heartbeat carrying the new at after 5 s of no change', () => {
		const { p } = setup();
		for (let t = T0 + 100; t < T0 + HEARTBEAT_INTERVAL_MS; t += 100) expect(p.tick(t)).toBeNull();
		const hb = p.tick(T0 + HEARTBEAT_INTERVAL_MS)!;
		expect(hb).toEqual({
			seq: 2,
			base: 1,
			patch: { seq: 2, at: '2026-03-02T02:00:05.000Z' }
		});
		// and the next one 5 s after that
		expect(p.tick(T0 + HEARTBEAT_INTERVAL_MS + 4900)).toBeNull();
		expect(p.tick(T0 + 2 * HEARTBEAT_INTERVAL_MS)?.seq).toBe(3);
	});

	it('re-evaluates at each new second, catching changes driven by time alone', () => {
		let w = 0;
		const p = createPublisher((now) => fakeSnapshot(now, w, null), T0);
		w = 1; // changed without markDirty (as a deadline passing would)
		expect(p.tick(T0 + 500)).toBeNull(); // same second: not evaluated
		expect(p.tick(T0 + 1000)?.patch.calls).toEqual({
			all: { waiting: 1, offeredToday: 1 },
			byQueue: { general: { waiting: 1, offeredToday: 1 } }
		});
	});

	it('patches chain: applying each to the previous snapshot gives the current one', () => {
		const { world, p } = setup();
		let client = p.current();
		for (let i = 1; i <= 30; i++) {
			world.waiting = i % 7;
			world.rate = i % 3 === 0 ? null : i / 100;
			p.markDirty();
			const msg = p.tick(T0 + i * 100);
			if (msg) {
				expect(msg.base).toBe(client.seq);
				client = applyMergePatch(client, msg.patch);
			}
		}
		const strip = (s: Snapshot) =>
			JSON.parse(JSON.stringify(s, (_k, v) => (v === null ? undefined : v)));
		expect(strip(client)).toEqual(strip(p.current()));
	});
});
