import { describe, expect, it } from 'vitest';
import { completionOf } from './completion';

describe('completion (办结) figures', () => {
	it('办结率 = replies / created; the outcome shares are of the replies', () => {
		// 40 created; replies 30 resolved, 6 unresolvable, 4 unreasonable = 40 closed.
		expect(
			completionOf({
				created: 50,
				feedbackResolved: 30,
				feedbackUnresolvable: 6,
				feedbackUnreasonable: 4
			})
		).toEqual({ closed: 40, completionRate: 0.8, unresolvableShare: 0.15, unreasonableShare: 0.1 });
	});

	it('can exceed 100 % when the period closes older tickets; null with nothing to divide by', () => {
		expect(
			completionOf({
				created: 4,
				feedbackResolved: 5,
				feedbackUnresolvable: 0,
				feedbackUnreasonable: 0
			}).completionRate
		).toBe(1.25);
		expect(
			completionOf({
				created: 0,
				feedbackResolved: 0,
				feedbackUnresolvable: 0,
				feedbackUnreasonable: 0
			})
		).toEqual({
			closed: 0,
			completionRate: null,
			unresolvableShare: null,
			unreasonableShare: null
		});
	});
});
