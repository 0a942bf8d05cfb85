import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, type WallboardEvent } from '../../../contract/events';
import { createHallSimulation, dayKey, simulateDay } from './hall';
import { PEAK_DAY_PROFILE } from './profile';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** 2025-01-15 00:00 in Asia/Shanghai (UTC+8). */
const DAY = Date.UTC(2025, 0, 14, 16);
const SMALL = { seed: 1, dayStart: DAY, scale: 0.02 } as const;

const byType = <T extends WallboardEvent['type']>(events: WallboardEvent[], type: T) =>
	events.filter((e): e is Extract<WallboardEvent, { type: T }> => e.type === type);

/** Throws with a description of the first broken invariant; returns counts for further checks. */
function checkConsistency(events: WallboardEvent[]) {
	const ids = new Set<string>();
	let last = -Infinity;
	for (const e of events) {
		if (ids.has(e.id)) throw new Error(`duplicate event id ${e.id}`);
		ids.add(e.id);
		if (e.at < last) throw new Error(`${e.id} at ${e.at} comes after an event at ${last}`);
		last = e.at;
	}

	const offered = new Map(byType(events, 'call.offered').map((e) => [e.callId, e]));
	const answered = new Map<string, Extract<WallboardEvent, { type: 'call.answered' }>>();
	for (const e of byType(events, 'call.answered')) {
		if (answered.has(e.callId)) throw new Error(`${e.callId} answered twice`);
		answered.set(e.callId, e);
	}
	const abandoned = new Set<string>();
	const abandonedAtOf = new Map<string, number>();
	for (const e of byType(events, 'call.abandoned')) {
		abandonedAtOf.set(e.callId, e.at);
		const o = offered.get(e.callId);
		if (!o || e.at <= o.at) throw new Error(`${e.callId} abandoned before it was offered`);
		if (answered.has(e.callId) || abandoned.has(e.callId)) {
			throw new Error(`${e.callId} ends more than once`);
		}
		abandoned.add(e.callId);
	}
	const ended = new Map(byType(events, 'call.ended').map((e) => [e.callId, e]));
	for (const [callId, o] of offered) {
		const a = answered.get(callId);
		if (!a === !abandoned.has(callId)) throw new Error(`${callId}: not exactly one outcome`);
		if (a && a.at <= o.at) throw new Error(`${callId} answered at ${a.at} <= offered ${o.at}`);
		const end = ended.get(callId);
		if (a && (!end || end.at <= a.at)) throw new Error(`${callId} has no call.ended after answer`);
		if (!a && end) throw new Error(`${callId} ended without being answered`);
	}
	if (answered.size + abandoned.size !== offered.size) throw new Error('outcome count mismatch');

	// Agents: a legal state machine; busy exactly when answering, one call at a time.
	const next: Record<string, string[]> = {
		offline: ['available'],
		available: ['busy', 'break', 'offline'],
		busy: ['wrapup'],
		wrapup: ['available', 'break', 'offline'],
		break: ['available', 'offline']
	};
	const agentState = new Map<string, { state: string; at: number; call: string | null }>();
	const answerAt = new Map<string, string>(); // `${agentId}@${at}` → callId
	for (const a of answered.values()) answerAt.set(`${a.agentId}@${a.at}`, a.callId);
	const teams = new Map<string, string>();
	for (const e of events) {
		if (e.type === 'call.answered') {
			const s = agentState.get(e.agentId);
			if (!s || s.state !== 'available') {
				throw new Error(`${e.agentId} answers ${e.callId} while ${s?.state ?? 'unknown'}`);
			}
			const queue = offered.get(e.callId)?.queue;
			if (teams.get(e.agentId) !== queue) throw new Error(`${e.agentId} answers queue ${queue}`);
		}
		if (e.type === 'call.ended') {
			const a = answered.get(e.callId);
			const s = a && agentState.get(a.agentId);
			if (!s || s.state !== 'busy' || s.call !== e.callId) {
				throw new Error(`${e.callId} ends but its agent is not busy with it`);
			}
		}
		if (e.type !== 'agent.state') continue;
		const prev = agentState.get(e.agentId) ?? { state: 'offline', at: -Infinity, call: null };
		if (!next[prev.state]?.includes(e.state)) {
			throw new Error(`${e.agentId}: ${prev.state} → ${e.state} at ${e.at}`);
		}
		if (e.at <= prev.at) throw new Error(`${e.agentId}: two states at ${e.at}`);
		const call = e.state === 'busy' ? (answerAt.get(`${e.agentId}@${e.at}`) ?? null) : null;
		if (e.state === 'busy' && !call) throw new Error(`${e.agentId} busy without answering`);
		if (e.team) teams.set(e.agentId, e.team);
		agentState.set(e.agentId, { state: e.state, at: e.at, call });
	}
	for (const [agentId, s] of agentState) {
		if (s.state !== 'offline') throw new Error(`${agentId} ends the day ${s.state}`);
	}

	// Tickets: created during an answered call, then dispatched, fed back, surveyed, in order.
	const created = byType(events, 'ticket.created');
	const chain = new Map<string, number[]>();
	for (const t of created) {
		if (t.street === undefined || t.topic === undefined)
			throw new Error(`${t.ticketId}: no street/topic`);
		if (t.callId === undefined) {
			// From another channel (app, web): the day's cluster.
			chain.set(t.ticketId, [t.at]);
			continue;
		}
		const a = answered.get(t.callId);
		const end = t.callId ? ended.get(t.callId) : undefined;
		if (!a || !end || t.at <= a.at || t.at > end.at) {
			throw new Error(`${t.ticketId} not created during its call ${t.callId}`);
		}
		if (t.callerPhone !== offered.get(a.callId)?.caller) throw new Error(`${t.ticketId} phone`);
		chain.set(t.ticketId, [t.at]);
	}
	for (const e of events) {
		if (
			e.type !== 'ticket.dispatched' &&
			e.type !== 'ticket.feedback' &&
			e.type !== 'ticket.survey'
		)
			continue;
		const times = chain.get(e.ticketId);
		const expected = { 'ticket.dispatched': 1, 'ticket.feedback': 2, 'ticket.survey': 3 }[e.type];
		if (!times || times.length !== expected || e.at <= (times.at(-1) as number)) {
			throw new Error(`${e.ticketId}: ${e.type} out of order`);
		}
		times.push(e.at);
	}
	for (const [ticketId, times] of chain) {
		if (times.length !== 4) throw new Error(`${ticketId} has ${times.length} of 4 events`);
	}
	// Callbacks: at most one per call, only of an abandoned call, within the hour after it.
	const calledBack = new Set<string>();
	for (const e of byType(events, 'call.callback')) {
		const abandonedAt = abandonedAtOf.get(e.callId);
		if (abandonedAt === undefined || calledBack.has(e.callId)) {
			throw new Error(`${e.callId}: callback of a call not abandoned, or twice`);
		}
		if (e.at <= abandonedAt || e.at > abandonedAt + 3_600_000) {
			throw new Error(`${e.callId}: callback not within the hour after the abandon`);
		}
		calledBack.add(e.callId);
	}
	return {
		offered: offered.size,
		answered: answered.size,
		abandoned: abandoned.size,
		calledBack: calledBack.size
	};
}

describe('createHallSimulation (scale 0.02)', () => {
	let events: WallboardEvent[];
	beforeAll(() => {
		events = simulateDay(SMALL);
	});

	it('is deterministic for a seed and day, and differs for another seed or day', () => {
		expect(simulateDay(SMALL)).toEqual(events);
		const other = simulateDay({ ...SMALL, seed: 2 });
		expect(other).not.toEqual(events);
		const nextDay = simulateDay({ ...SMALL, dayStart: DAY + DAY_MS });
		expect(nextDay.map((e) => e.at - DAY_MS)).not.toEqual(events.map((e) => e.at));
		// Event, call and ticket ids never collide across seeds or days; agent ids carry over.
		const ids = (es: WallboardEvent[]) =>
			es.flatMap((e) => [e.id, 'callId' in e ? e.callId : '', 'ticketId' in e ? e.ticketId : '']);
		const mine = new Set(ids(events));
		for (const id of [...ids(other), ...ids(nextDay)]) {
			if (id !== '' && mine.has(id)) expect.fail(`id ${id} reused`);
		}
		const agents = (es: WallboardEvent[]) =>
			new Set(byType(es, 'agent.state').map((e) => e.agentId));
		expect(agents(nextDay)).toEqual(agents(events));
	});

	it('names ids after the seed and the business day', () => {
		expect(dayKey(DAY)).toBe('20250115');
		expect(events[0]?.id).toMatch(/^sim-1-20250115-\d+$/);
		expect(byType(events, 'call.offered')[0]?.callId).toMatch(/^sim-1-20250115-c\d+$/);
		expect(byType(events, 'agent.state')[0]?.agentId).toMatch(/^A\d{4}$/);
	});

	it('emits only events that the contract accepts, unchanged by parsing', () => {
		const now = events.at(-1)?.at ?? DAY;
		for (const e of events) {
			const result = parseEvent(e, now);
			if (!result.ok) expect.fail(`${e.id}: ${result.errors.join('; ')}`);
			expect(result.event).toEqual(e);
		}
		const types = new Set(events.map((e) => e.type));
		// v1's nine types and call.callback (contract v1.1 §6).
		expect(types.size).toBe(10);
	});

	it('keeps every ordering and consistency invariant', () => {
		const counts = checkConsistency(events);
		expect(counts.offered).toBeGreaterThan(900);
		expect(counts.answered).toBeGreaterThan(0);
	});

	it('has an invariant checker that catches broken streams', () => {
		const answer = byType(events, 'call.answered')[10] as Extract<
			WallboardEvent,
			{ type: 'call.answered' }
		>;
		const offer = events.find((e) => e.type === 'call.offered' && e.callId === answer.callId);
		const mutants: WallboardEvent[][] = [
			// answered at the moment it was offered
			events.map((e) => (e === answer ? { ...answer, at: offer?.at ?? 0 } : e)),
			// a call that never ends
			events.filter((e) => !(e.type === 'call.ended' && e.callId === answer.callId)),
			// the same agent answering a second call while busy
			events.flatMap((e) => (e === answer ? [e, { ...answer, id: 'x', callId: 'other' }] : [e]))
		];
		for (const mutant of mutants) expect(() => checkConsistency(mutant)).toThrow();
	});

	it('waits come from the queue: a caller who finds a free agent only waits for the ring', () => {
		const offered = new Map(byType(events, 'call.offered').map((e) => [e.callId, e.at]));
		const waits = byType(events, 'call.answered').map((e) => e.at - (offered.get(e.callId) ?? 0));
		const { min, max } = PEAK_DAY_PROFILE.ringSeconds;
		expect(Math.min(...waits)).toBeGreaterThanOrEqual(min * 1000 - 1);
		expect(waits.filter((w) => w <= max * 1000).length / waits.length).toBeGreaterThan(0.5);
	});

	it('fakes caller PII realistically', () => {
		for (const e of byType(events, 'call.offered')) expect(e.caller).toMatch(/^1[35789]\d{9}$/);
		const t = byType(events, 'ticket.created')[0];
		expect(t?.summary).toMatch(/[区].*(街道|小区)/);
		expect(t?.callerName).toMatch(/^\p{Script=Han}{2,4}$/u);
		const districts = new Set(PEAK_DAY_PROFILE.districts.map((d) => d.name));
		for (const c of byType(events, 'ticket.created')) expect(districts.has(c.district)).toBe(true);
		for (const f of byType(events, 'ticket.feedback')) {
			if (f.outcome === 'unresolvable') expect(f.reason).toBeTruthy();
			if (f.outcome === 'unreasonable') expect(f.legalBasis).toMatch(/^《中华人民共和国.+》第.+条/);
		}
	});

	it('returns the same events whatever the advance steps, and reports done', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 6 * HOUR_MS }), { minLength: 1, maxLength: 60 }),
				(steps) => {
					const sim = createHallSimulation(SMALL);
					const out: WallboardEvent[] = [];
					let t = DAY - HOUR_MS;
					for (const step of steps) {
						t += step;
						const batch = sim.advance(t);
						for (const e of batch) expect(e.at).toBeLessThanOrEqual(t);
						out.push(...batch);
						expect(sim.advance(t - step)).toEqual([]);
					}
					if (t < (events.at(-1)?.at ?? 0)) expect(sim.done).toBe(false);
					out.push(...sim.advance(Infinity));
					expect(sim.done).toBe(true);
					expect(out).toEqual(events);
				}
			),
			{ numRuns: 8 }
		);
	});

	it('rejects bad options, naming the value', () => {
		expect(() => createHallSimulation({ ...SMALL, scale: 0 })).toThrow(/scale 0/);
		expect(() => createHallSimulation({ ...SMALL, dayStart: Number.NaN })).toThrow(/NaN/);
	});
});

// A whole peak day is ~400 k events: seconds of CPU, more on a shared machine.
describe('a full peak day (scale 1)', { timeout: 30_000 }, () => {
	let events: WallboardEvent[];
	beforeAll(() => {
		events = simulateDay({ seed: 12345, dayStart: DAY });
	});

	it('has the planned totals: ~56 k calls, 2–10% abandoned, a peak at 09–11 or 14–16', () => {
		const { offered, answered, abandoned } = checkConsistency(events);
		expect(offered).toBeGreaterThan(56_000 * 0.95);
		expect(offered).toBeLessThan(56_000 * 1.05);
		const abandonRate = abandoned / (answered + abandoned);
		expect(abandonRate).toBeGreaterThan(0.02);
		expect(abandonRate).toBeLessThan(0.1);
		const perHour = new Array<number>(24).fill(0);
		for (const e of byType(events, 'call.offered')) {
			const h = Math.floor((e.at - DAY) / HOUR_MS);
			perHour[h] = (perHour[h] ?? 0) + 1;
		}
		const peak = perHour.indexOf(Math.max(...perHour));
		expect([9, 10, 14, 15]).toContain(peak);
		expect(Math.max(...perHour.slice(0, 6))).toBeLessThan(0.2 * (perHour[peak] ?? 0));
	});

	it('shares queues, tickets, dispatch and survey answers as planned', () => {
		const offered = byType(events, 'call.offered');
		const general = offered.filter((e) => e.queue === 'general').length / offered.length;
		expect(general).toBeGreaterThan(0.68);
		expect(general).toBeLessThan(0.72);
		const created = byType(events, 'ticket.created');
		expect(created.length / offered.length).toBeGreaterThan(0.55);
		expect(created.length / offered.length).toBeLessThan(0.65);
		const emergency = created.filter((t) => t.category === 'emergency').length / created.length;
		expect(emergency).toBeGreaterThan(0.02);
		expect(emergency).toBeLessThan(0.04);

		const deadline = PEAK_DAY_PROFILE.dispatch.deadlineMs;
		const byTicket = new Map(created.map((t) => [t.ticketId, t]));
		const dispatched = byType(events, 'ticket.dispatched');
		const late = dispatched.filter((d) => {
			const t = byTicket.get(d.ticketId);
			return t !== undefined && d.at > t.at + deadline[t.category];
		}).length;
		expect(late / dispatched.length).toBeGreaterThan(0.03);
		expect(late / dispatched.length).toBeLessThan(0.05);

		const surveys = byType(events, 'ticket.survey');
		const responded = surveys.filter((s) => s.responded);
		expect(responded.length / surveys.length).toBeGreaterThan(0.97);
		const resolved = responded.filter((s) => s.resolved).length / responded.length;
		const satisfied = responded.filter((s) => s.satisfied).length / responded.length;
		expect(resolved).toBeGreaterThan(0.7);
		expect(resolved).toBeLessThan(0.8);
		expect(satisfied).toBeGreaterThan(0.85);
		expect(satisfied).toBeLessThan(0.9);
	});
});
