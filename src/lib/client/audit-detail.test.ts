import { describe, expect, it } from 'vitest';
import { describeDetail } from './audit-detail';

describe('describeDetail', () => {
	it('threshold changes read path: from → to, a missing side as —', () => {
		expect(
			describeDetail({
				changes: [
					{ to: 10, from: null, path: 'byQueue.老年人.longestWaitSeconds.good' },
					{ path: 'metrics.serviceLevelToday.good', from: 0.9, to: 0.85 }
				]
			})
		).toBe(
			'byQueue.老年人.longestWaitSeconds.good: — → 10; metrics.serviceLevelToday.good: 0.9 → 0.85'
		);
	});
	it('other details read key = value in key order; none is empty', () => {
		expect(describeDetail({ to: 'manager', from: 'supervisor' })).toBe(
			'from = supervisor, to = manager'
		);
		expect(describeDetail({ displayId: 'd1', required: true })).toBe(
			'displayId = d1, required = true'
		);
		expect(describeDetail({})).toBe('');
	});
});
