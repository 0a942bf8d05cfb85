/**
 * answerRate24hIn1h: hand-worked projections of the 24 h answer rate one hour ahead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerRate24hIn1h, type AnswerRateProjectionCounts } from './answer-rate-projection';

/** Counts in the order answered24h, abandoned24h, oldest hour (ans, ab), last hour (ans, ab). */
function counts(
	answered24h: number,
	abandoned24h: number,
	answeredOldestHour: number,
	abandonedOldestHour: number,
	answeredLastHour: number,
	abandonedLastHour: number
): AnswerRateProjectionCounts {
	return {
		answered24h,
		abandoned24h,
		answeredOldestHour,
		abandonedOldestHour,
		answeredLastHour,
		abandonedLastHour
	};
}

describe('answerRate24hIn1h', () => {
	it.each([
		// 24 h, oldest hour, last hour → answered' / (answered' + abandoned')
		['a steady day: the hour out equals the hour in', counts(950, 50, 40, 2, 40, 2), 950 / 1000],
		// answered' = 950 − 40 + 30 = 940, abandoned' = 50 − 0 + 20 = 70
		['a bad last hour drags it down', counts(950, 50, 40, 0, 30, 20), 940 / 1010],
		// answered' = 900 − 20 + 60 = 940, abandoned' = 100 − 20 + 0 = 80
		['a good last hour lifts it', counts(900, 100, 20, 20, 60, 0), 940 / 1020],
		// answered' = 3 − 3 + 0, abandoned' = 1 − 1 + 0: 0/0
		['only the oldest hour had calls: it leaves, nothing comes', counts(3, 1, 3, 1, 0, 0), null],
		['nothing at all', counts(0, 0, 0, 0, 0, 0), null],
		// answered' = 3 + 3 = 6, abandoned' = 1 + 1 = 2
		['only the last hour had calls: it stays and repeats', counts(3, 1, 0, 0, 3, 1), 6 / 8],
		// answered' = 0, abandoned' = 4 − 1 + 2 = 5
		['all abandoned', counts(0, 4, 0, 1, 0, 2), 0]
	])('%s', (_name, input, expected) => {
		expect(answerRate24hIn1h(input)).toBe(expected);
	});

	it.each([
		[counts(-1, 0, 0, 0, 0, 0), /answered24h must be an integer >= 0, got -1/],
		[counts(1, 0.5, 0, 0, 0, 0), /abandoned24h .* got 0\.5/],
		[counts(1, 0, Number.NaN, 0, 0, 0), /answeredOldestHour .* got NaN/],
		[counts(1, 1, 0, 0, 0, Number.POSITIVE_INFINITY), /abandonedLastHour .* got Infinity/],
		[
			counts(5, 0, 3, 0, 3, 0),
			/answeredOldestHour \+ answeredLastHour \(3 \+ 3\) exceed answered24h \(5\)/
		],
		[
			counts(5, 2, 0, 2, 0, 1),
			/abandonedOldestHour \+ abandonedLastHour \(2 \+ 1\) exceed abandoned24h \(2\)/
		]
	])('rejects %o', (input, message) => {
		expect(() => answerRate24hIn1h(input)).toThrow(RangeError);
		expect(() => answerRate24hIn1h(input)).toThrow(message);
	});

	it('is the 24 h rate itself when the oldest hour and the last hour match', () => {
		const hour = fc.record({ answered: fc.nat(200), abandoned: fc.nat(200) });
		fc.assert(
			fc.property(hour, fc.nat(5000), fc.nat(5000), (h, restAnswered, restAbandoned) => {
				const answered24h = restAnswered + 2 * h.answered;
				const abandoned24h = restAbandoned + 2 * h.abandoned;
				const rate = answerRate24hIn1h(
					counts(answered24h, abandoned24h, h.answered, h.abandoned, h.answered, h.abandoned)
				);
				const total = answered24h + abandoned24h;
				expect(rate).toBe(total === 0 ? null : answered24h / total);
			})
		);
	});
});
