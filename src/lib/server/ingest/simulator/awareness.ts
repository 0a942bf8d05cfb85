/**
 * What makes the simulated city look like a city (contract v1.1 §6–§7 in the demo): topic
 * weights by season and district, callbacks of abandoned calls, and the day's cluster — a burst of
 * one livelihood topic in one district for an hour (a main bursts → 停水), so that surge detection
 * has something real to find. All deterministic for (seed, day).
 */
import type { Category } from '../../../contract/events';
import type { HallProfile, TopicProfile } from './profile';
import {
	chance,
	createRng,
	hashSeed,
	integer,
	pick,
	uniform,
	weightedPicker,
	type Rng
} from './prng';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** 'MM-DD' of the business day starting at `dayStart` (its UTC date 12 h later). */
export function monthDay(dayStart: number): string {
	return new Date(dayStart + 12 * HOUR_MS).toISOString().slice(5, 10);
}

/** In season when `from <= md <= to`, or, for a season that wraps the year, outside (to, from). */
export function inSeason(md: string, season: { from: string; to: string }): boolean {
	const { from, to } = season;
	return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

/** A topic's weight in `district` on the day starting at `dayStart`. */
export function topicWeight(topic: TopicProfile, district: string, dayStart: number): number {
	const season = topic.season;
	const seasonal =
		season === undefined || inSeason(monthDay(dayStart), season) ? 1 : season.outside;
	return topic.weight * seasonal * (topic.districtFactors?.[district] ?? 1);
}

/** Pickers of a topic per category and district for the day. */
export function createTopicPickers(
	profile: HallProfile,
	dayStart: number
): (category: Category, district: string) => (r: Rng) => TopicProfile {
	const pickers = new Map<string, (r: Rng) => TopicProfile>();
	return (category, district) => {
		const key = `${category}|${district}`;
		let picker = pickers.get(key);
		if (picker === undefined) {
			const topics = profile.topics.filter(
				(t) => t.category === category && topicWeight(t, district, dayStart) > 0
			);
			if (topics.length === 0) throw new RangeError(`profile: no topic for category ${category}`);
			picker = weightedPicker(topics, (t) => topicWeight(t, district, dayStart));
			pickers.set(key, picker);
		}
		return picker;
	};
}

/** Share of abandoned calls the hall calls back, and how soon (within the hour). */
export const CALLBACK_SHARE = 0.85;
export function callbackDelayMs(rng: Rng): number {
	return Math.round(uniform(rng, 2 * MINUTE_MS, 60 * MINUTE_MS));
}

export type Cluster = {
	district: string;
	topic: TopicProfile;
	/** The burst's hour: tickets are created within [startAt, startAt + 1 h). */
	startAt: number;
	tickets: number;
};

/** Topics a cluster can be about (a burst main, a substation, a heating plant in season). */
const CLUSTER_TOPICS = ['停水', '停电', '供暖'] as const;
/** Share of days with a cluster. */
export const CLUSTER_DAY_SHARE = 0.6;

/**
 * The day's cluster, or null on a quiet day. Drawn from its own stream so that it depends on
 * (seed, day) only, not on the traffic.
 */
export function planCluster(seed: number, dayStart: number, profile: HallProfile): Cluster | null {
	const rng = createRng(hashSeed(seed, dayStart, 0xc1)); // 0xc1: the cluster stream
	if (!chance(rng, CLUSTER_DAY_SHARE)) return null;
	const topics = profile.topics.filter(
		(t) =>
			(CLUSTER_TOPICS as readonly string[]).includes(t.name) &&
			(t.season === undefined || inSeason(monthDay(dayStart), t.season))
	);
	if (topics.length === 0) return null;
	const district = weightedPicker(profile.districts, (d) => d.weight)(rng).name;
	const topic = pick(rng, topics);
	const startAt = dayStart + integer(rng, 8, 19) * HOUR_MS + integer(rng, 0, 59) * MINUTE_MS;
	return { district, topic, startAt, tickets: integer(rng, 18, 30) };
}
