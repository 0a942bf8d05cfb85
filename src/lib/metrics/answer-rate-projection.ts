/**
 * The 24 h answer rate one hour from now if the next hour repeats the last one (contract v1.1 §7,
 * `answerRate24hIn1h`): in an hour the oldest hour of the 24 h window, (at − 24 h, at − 23 h],
 * drops out and a copy of the last hour, (at − 1 h, at], comes in.
 *
 *   answered'  = answered24h − answeredOldestHour + answeredLastHour
 *   abandoned' = abandoned24h − abandonedOldestHour + abandonedLastHour
 *   answerRate24hIn1h = answered' / (answered' + abandoned'), null when that is 0/0
 */

export type AnswerRateProjectionCounts = {
	/** answered.at within (at − 24 h, at] */
	answered24h: number;
	/** abandoned.at within (at − 24 h, at] */
	abandoned24h: number;
	/** answered.at within (at − 24 h, at − 23 h] */
	answeredOldestHour: number;
	/** abandoned.at within (at − 24 h, at − 23 h] */
	abandonedOldestHour: number;
	/** answered.at within (at − 1 h, at] */
	answeredLastHour: number;
	/** abandoned.at within (at − 1 h, at] */
	abandonedLastHour: number;
};

function count(name: string, value: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
	}
	return value;
}

/**
 * The two hours are disjoint parts of the 24 h window, so together they never hold more than
 * it; counts that break this come from windows cut at different instants, a RangeError.
 */
function withinWindow(
	kind: 'answered' | 'abandoned',
	total: number,
	oldest: number,
	last: number
): void {
	if (oldest + last > total) {
		throw new RangeError(
			`${kind}OldestHour + ${kind}LastHour (${oldest} + ${last}) exceed ${kind}24h (${total}): ` +
				'both hours lie within the 24 h window'
		);
	}
}

/** The projected 24 h answer rate, a fraction in [0, 1], or null when nothing would count. */
export function answerRate24hIn1h(counts: AnswerRateProjectionCounts): number | null {
	const answered24h = count('answered24h', counts.answered24h);
	const abandoned24h = count('abandoned24h', counts.abandoned24h);
	const answeredOldest = count('answeredOldestHour', counts.answeredOldestHour);
	const abandonedOldest = count('abandonedOldestHour', counts.abandonedOldestHour);
	const answeredLast = count('answeredLastHour', counts.answeredLastHour);
	const abandonedLast = count('abandonedLastHour', counts.abandonedLastHour);
	withinWindow('answered', answered24h, answeredOldest, answeredLast);
	withinWindow('abandoned', abandoned24h, abandonedOldest, abandonedLast);

	const answered = answered24h - answeredOldest + answeredLast;
	const abandoned = abandoned24h - abandonedOldest + abandonedLast;
	const total = answered + abandoned;
	return total === 0 ? null : answered / total;
}
