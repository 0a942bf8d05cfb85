/**
 * Per-agent figures for today (the supervisors' agent list and drill-down): calls handled, their
 * average handle time, and time on break. Pure and order-independent: the state is a set of
 * stamped facts merged by "earliest wins" (as rules.ts does for calls), and the figures are a
 * function of that set and `now` only.
 *
 * - handled: calls whose (earliest) `call.ended` is within the business day up to `now` and whose
 *   (earliest) `call.answered` names the agent;
 * - ahtSeconds: the mean of ended − answered over those calls (talk time; wrap-up is the agent's
 *   own state and shows in the state column), null when none;
 * - breakSeconds: the time within [start of the business day, now] during which the agent's
 *   latest `agent.state` was `break`.
 */
import type { AgentState, WallboardEvent } from '../contract/events';
import { replacesEarliest, before, type Stamp } from './stamp';
import { startOfBusinessDay } from './timezone';

export type AgentDayFigures = { handled: number; ahtSeconds: number | null; breakSeconds: number };

/** Facts older than this before `now` are dropped by prune (today's start is at most 24 h ago). */
export const AGENT_DAY_KEEP_MS = 26 * 3600_000;

type CallFacts = { answered: (Stamp & { agentId: string }) | null; ended: Stamp | null };
type StateFact = Stamp & { state: AgentState };

export interface AgentDay {
	apply(event: WallboardEvent): void;
	/** Figures of every agent with a fact today (or a state carried into today), at `now`. */
	figures(now: number): Map<string, AgentDayFigures>;
	/** Forgets what cannot count for any now' >= now (the latest state before the cut is kept). */
	prune(now: number): void;
}

export function createAgentDay(timezone: string): AgentDay {
	const calls = new Map<string, CallFacts>();
	const states = new Map<string, Map<string, StateFact>>();

	const callOf = (callId: string) => {
		let c = calls.get(callId);
		if (c === undefined) {
			c = { answered: null, ended: null };
			calls.set(callId, c);
		}
		return c;
	};

	return {
		apply(e) {
			const stamp = { at: e.at, id: e.id };
			switch (e.type) {
				case 'call.answered': {
					const c = callOf(e.callId);
					if (replacesEarliest(c.answered, stamp)) c.answered = { ...stamp, agentId: e.agentId };
					break;
				}
				case 'call.ended': {
					const c = callOf(e.callId);
					if (replacesEarliest(c.ended, stamp)) c.ended = stamp;
					break;
				}
				case 'agent.state': {
					let mine = states.get(e.agentId);
					if (mine === undefined) {
						mine = new Map();
						states.set(e.agentId, mine);
					}
					if (!mine.has(e.id)) mine.set(e.id, { ...stamp, state: e.state });
					break;
				}
			}
		},

		figures(now) {
			const dayStart = startOfBusinessDay(now, timezone);
			const out = new Map<string, { handled: number; talkMs: number; breakMs: number }>();
			const of = (agentId: string) => {
				let f = out.get(agentId);
				if (f === undefined) {
					f = { handled: 0, talkMs: 0, breakMs: 0 };
					out.set(agentId, f);
				}
				return f;
			};
			for (const c of calls.values()) {
				if (c.answered === null || c.ended === null) continue;
				if (c.ended.at < dayStart || c.ended.at > now || c.ended.at < c.answered.at) continue;
				const f = of(c.answered.agentId);
				f.handled += 1;
				f.talkMs += c.ended.at - c.answered.at;
			}
			for (const [agentId, mine] of states) {
				const sorted = [...mine.values()].sort((a, b) => (before(a, b) ? -1 : 1));
				let breakMs = 0;
				for (let i = 0; i < sorted.length; i++) {
					const s = sorted[i] as StateFact;
					if (s.at > now) break;
					if (s.state !== 'break') continue;
					const end = Math.min(sorted[i + 1]?.at ?? now, now);
					breakMs += Math.max(0, end - Math.max(s.at, dayStart));
				}
				if (breakMs > 0 || sorted.some((s) => s.at >= dayStart && s.at <= now)) {
					of(agentId).breakMs = breakMs;
				}
			}
			return new Map(
				[...out].map(([agentId, f]) => [
					agentId,
					{
						handled: f.handled,
						ahtSeconds: f.handled === 0 ? null : Math.round(f.talkMs / f.handled / 1000),
						breakSeconds: Math.floor(f.breakMs / 1000)
					}
				])
			);
		},

		prune(now) {
			const cut = now - AGENT_DAY_KEEP_MS;
			for (const [id, c] of calls) {
				const last = Math.max(c.answered?.at ?? -Infinity, c.ended?.at ?? -Infinity);
				if (last < cut) calls.delete(id);
			}
			for (const [agentId, mine] of states) {
				let keep: StateFact | null = null;
				for (const s of mine.values()) {
					if (s.at < cut && (keep === null || before(keep, s))) keep = s;
				}
				for (const [id, s] of mine) if (s.at < cut && s !== keep) mine.delete(id);
				if (mine.size === 0) states.delete(agentId);
			}
		}
	};
}
