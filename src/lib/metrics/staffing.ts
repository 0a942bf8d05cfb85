/**
 * The staffing figures of contract v1.1 §7, per queue and for the hall: calls offered within
 * (at − 30 min, at], the mean talk time of the calls that ended within it, the agents Erlang C
 * says are needed for the service-level goal (erlang-c.ts), the agents on duty and the gap. An
 * accumulator: offered instants and talks are added and retracted per call, agents per agent.
 */
import type { QueueStaffing } from '../contract/snapshot';
import { agentsNeeded } from './erlang-c';
import { SortedTimes } from './sorted-times';
import { TimedValues } from './timed-values';

export const STAFFING_WINDOW_MS = 30 * 60_000;

/** A call's talk as staffing counts it: the queue of its offered, ended.at, ended − answered. */
export type TalkContribution = { queue: string; endedAt: number; talkMs: number };

type Windows = { offered: SortedTimes; talks: TimedValues };

function newWindows(): Windows {
	return { offered: new SortedTimes(), talks: new TimedValues() };
}

export function createStaffing(goal: number) {
	const all = newWindows();
	const byQueue = new Map<string, Windows>();
	/** Agents on duty, in total and by their latest known team. */
	let onDuty = 0;
	const onDutyByTeam = new Map<string, number>();

	function windowsOf(queue: string): Windows {
		let w = byQueue.get(queue);
		if (w === undefined) {
			w = newWindows();
			byQueue.set(queue, w);
		}
		return w;
	}

	function stats(
		w: Windows | undefined,
		agentsOnDuty: number,
		targetMs: number,
		now: number
	): QueueStaffing {
		const low = now - STAFFING_WINDOW_MS;
		const offered30m = w?.offered.countIn(low, now) ?? 0;
		const talks = w?.talks.sumIn(low, now) ?? { count: 0, sum: 0 };
		const ahtSeconds30m = talks.count === 0 ? null : talks.sum / talks.count / 1000;
		const needed = agentsNeeded({
			offered30m,
			ahtSeconds30m,
			targetSeconds: targetMs / 1000,
			goal
		});
		return {
			offered30m,
			ahtSeconds30m,
			agentsNeeded: needed,
			agentsOnDuty,
			gap: needed === null ? null : needed - agentsOnDuty
		};
	}

	return {
		countOffered(queue: string, offeredAt: number, sign: 1 | -1): void {
			for (const w of [all, windowsOf(queue)]) {
				if (sign > 0) w.offered.add(offeredAt);
				else w.offered.remove(offeredAt);
			}
		},
		countTalk(t: TalkContribution, sign: 1 | -1): void {
			for (const w of [all, windowsOf(t.queue)]) {
				if (sign > 0) w.talks.add(t.endedAt, t.talkMs);
				else w.talks.remove(t.endedAt, t.talkMs);
			}
		},
		/** An agent's contribution: on duty or not, with its latest known team (null if none). */
		countAgent(isOnDuty: boolean, team: string | null, sign: 1 | -1): void {
			if (!isOnDuty) return;
			onDuty += sign;
			if (team !== null) onDutyByTeam.set(team, (onDutyByTeam.get(team) ?? 0) + sign);
		},
		hall: (targetMs: number, now: number) => stats(all, onDuty, targetMs, now),
		queue: (queue: string, targetMs: number, now: number) =>
			stats(byQueue.get(queue), onDutyByTeam.get(queue) ?? 0, targetMs, now),
		prune(cutoff: number): void {
			for (const w of [all, ...byQueue.values()]) {
				w.offered.pruneBefore(cutoff);
				w.talks.pruneBefore(cutoff);
			}
		}
	};
}

export type Staffing = ReturnType<typeof createStaffing>;
