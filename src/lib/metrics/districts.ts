/**
 * The district and topic figures of contract v1.1 §7: `tickets.byDistrict` (created today and in
 * the last hour, pending, overdue, the 30-day survey rates of the district's tickets) and
 * `tickets.topicsToday`. An accumulator of ticket outcomes (rules.ts) and of surveys joined to
 * their ticket's district: `refreshTicket(old, next)`, `countSurvey(district, survey, ±1)`.
 */
import type { DistrictStats, SurveyStats, TopicToday } from '../contract/snapshot';
import type { SurveyStamp, TicketOutcome } from './rules';
import { SortedTimes } from './sorted-times';

export const LAST_HOUR_MS = 3600_000;
/** How many topics `topicsToday` lists. */
export const TOPICS_TODAY_MAX = 10;

type SurveyTimes = {
	surveyed: SortedTimes;
	responded: SortedTimes;
	resolved: SortedTimes;
	satisfied: SortedTimes;
};

type District = {
	created: SortedTimes;
	/** Dispatch deadlines of the district's pending tickets. */
	pendingDeadlines: SortedTimes;
	surveys: SurveyTimes;
};

export function newSurveyTimes(): SurveyTimes {
	return {
		surveyed: new SortedTimes(),
		responded: new SortedTimes(),
		resolved: new SortedTimes(),
		satisfied: new SortedTimes()
	};
}

export function countSurveyTimes(times: SurveyTimes, s: SurveyStamp, sign: 1 | -1): void {
	const flagged = [
		[times.surveyed, true],
		[times.responded, s.responded],
		[times.resolved, s.resolved],
		[times.satisfied, s.satisfied]
	] as const;
	for (const [t, flag] of flagged) {
		if (!flag) continue;
		if (sign > 0) t.add(s.at);
		else t.remove(s.at);
	}
}

function ratio(numerator: number, denominator: number): number | null {
	return denominator === 0 ? null : numerator / denominator;
}

/** The survey rates within (now − windowMs, now]. */
export function surveyStats(times: SurveyTimes, now: number, windowMs: number): SurveyStats {
	const low = now - windowMs;
	const surveyed = times.surveyed.countIn(low, now);
	return {
		surveyed,
		responseRate: ratio(times.responded.countIn(low, now), surveyed),
		resolutionRate: ratio(times.resolved.countIn(low, now), surveyed),
		satisfactionRate: ratio(times.satisfied.countIn(low, now), surveyed)
	};
}

function bump(counts: Map<string, number>, key: string, sign: 1 | -1): void {
	const n = (counts.get(key) ?? 0) + sign;
	if (n === 0) counts.delete(key);
	else counts.set(key, n);
}

export function createDistricts(businessDay: (t: number) => string, surveyWindowMs: number) {
	const districts = new Map<string, District>();
	/** topic → created instants; and `district topic` (a NUL between) → created instants. */
	const topicCreated = new Map<string, SortedTimes>();
	/** business day → district → tickets created that day; the same for topics. */
	const createdByDay = new Map<
		string,
		{
			districts: Map<string, number>;
			topics: Map<string, number>;
			/** district → topic → count, for the supervisors' district view. */
			districtTopics: Map<string, Map<string, number>>;
		}
	>();
	let dayFloor = '';

	function district(name: string): District {
		let d = districts.get(name);
		if (d === undefined) {
			d = {
				created: new SortedTimes(),
				pendingDeadlines: new SortedTimes(),
				surveys: newSurveyTimes()
			};
			districts.set(name, d);
		}
		return d;
	}

	function countCreatedToday(t: TicketOutcome, sign: 1 | -1): void {
		const day = businessDay(t.createdAt);
		if (day < dayFloor) return;
		let counts = createdByDay.get(day);
		if (counts === undefined) {
			counts = { districts: new Map(), topics: new Map(), districtTopics: new Map() };
			createdByDay.set(day, counts);
		}
		bump(counts.districts, t.district, sign);
		if (t.topic !== null) {
			bump(counts.topics, t.topic, sign);
			let topics = counts.districtTopics.get(t.district);
			if (topics === undefined) {
				topics = new Map();
				counts.districtTopics.set(t.district, topics);
			}
			bump(topics, t.topic, sign);
		}
	}

	function byDistrict(now: number): Record<string, DistrictStats> {
		const today = createdByDay.get(businessDay(now))?.districts;
		const out: Record<string, DistrictStats> = {};
		for (const name of [...districts.keys()].sort()) {
			const d = districts.get(name) as District;
			const stats: DistrictStats = {
				createdToday: today?.get(name) ?? 0,
				createdLastHour: d.created.countIn(now - LAST_HOUR_MS, now),
				pending: d.pendingDeadlines.size,
				// Deadlines before `now`: rules.ts isOverdue (deadlineAt < now).
				overdue: d.pendingDeadlines.countBefore(now),
				survey30d: surveyStats(d.surveys, now, surveyWindowMs)
			};
			const { createdToday, createdLastHour, pending, survey30d } = stats;
			if (createdToday + createdLastHour + pending + survey30d.surveyed > 0) out[name] = stats;
		}
		return out;
	}

	/** Today's top topics, of one district when given. */
	function topicsToday(now: number, district?: string): TopicToday[] {
		const counts = createdByDay.get(businessDay(now));
		const today = district === undefined ? counts?.topics : counts?.districtTopics.get(district);
		if (today === undefined) return [];
		const top = [...today].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		return top.slice(0, TOPICS_TODAY_MAX).map(([topic, count]) => ({
			topic,
			count,
			lastHour:
				topicCreated
					.get(district === undefined ? topic : `${district}\u0000${topic}`)
					?.countIn(now - LAST_HOUR_MS, now) ?? 0
		}));
	}

	function countCreated(t: TicketOutcome, sign: 1 | -1): void {
		const d = district(t.district);
		const times = [d.created];
		if (t.topic !== null) {
			for (const key of [t.topic, `${t.district}\u0000${t.topic}`]) {
				let byTopic = topicCreated.get(key);
				if (byTopic === undefined) {
					byTopic = new SortedTimes();
					topicCreated.set(key, byTopic);
				}
				times.push(byTopic);
			}
		}
		for (const s of times) {
			if (sign > 0) s.add(t.createdAt);
			else s.remove(t.createdAt);
		}
		countCreatedToday(t, sign);
	}

	function countPending(t: TicketOutcome, sign: 1 | -1): void {
		const d = district(t.district);
		if (sign > 0) d.pendingDeadlines.add(t.deadlineAt);
		else d.pendingDeadlines.remove(t.deadlineAt);
	}

	return {
		/**
		 * Replaces a ticket's contribution `old` by `next` (either null when none); the parts that
		 * stay the same (a dispatch leaves the created part alone) are not touched.
		 */
		refreshTicket(old: TicketOutcome | null, next: TicketOutcome | null): void {
			const sameCreated =
				old !== null &&
				next !== null &&
				old.district === next.district &&
				old.topic === next.topic &&
				old.createdAt === next.createdAt;
			if (!sameCreated) {
				if (old !== null) countCreated(old, -1);
				if (next !== null) countCreated(next, 1);
			}
			const oldPending = old !== null && old.dispatchedAt === null ? old : null;
			const nextPending = next !== null && next.dispatchedAt === null ? next : null;
			const samePending =
				oldPending !== null &&
				nextPending !== null &&
				oldPending.district === nextPending.district &&
				oldPending.deadlineAt === nextPending.deadlineAt;
			if (!samePending) {
				if (oldPending !== null) countPending(oldPending, -1);
				if (nextPending !== null) countPending(nextPending, 1);
			}
		},
		countSurvey(name: string, s: SurveyStamp, sign: 1 | -1): void {
			countSurveyTimes(district(name).surveys, s, sign);
		},
		byDistrict,
		topicsToday,
		/** `liveCutoff`: nothing older counts in an hour window; `floorDay`: the oldest day kept. */
		prune(liveCutoff: number, surveyCutoff: number, floorDay: string): void {
			for (const d of districts.values()) {
				d.created.pruneBefore(liveCutoff);
				for (const t of Object.values(d.surveys)) t.pruneBefore(surveyCutoff);
			}
			for (const t of topicCreated.values()) t.pruneBefore(liveCutoff);
			if (floorDay > dayFloor) {
				dayFloor = floorDay;
				for (const day of createdByDay.keys()) if (day < dayFloor) createdByDay.delete(day);
			}
		}
	};
}

export type Districts = ReturnType<typeof createDistricts>;
