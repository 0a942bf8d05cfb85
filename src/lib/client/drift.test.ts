import { describe, expect, it } from 'vitest';
import { DRIFT_INTERVAL_MS, driftAt } from './drift';

describe('driftAt', () => {
	it('stays put within an interval and moves by one step at its end', () => {
		const t = 100 * 9 * DRIFT_INTERVAL_MS; // a multiple of the whole path: the centre
		expect(driftAt(t)).toStrictEqual({ dx: 0, dy: 0 });
		expect(driftAt(t + DRIFT_INTERVAL_MS - 1)).toStrictEqual({ dx: 0, dy: 0 });
		expect(driftAt(t + DRIFT_INTERVAL_MS)).toStrictEqual({ dx: 1, dy: 0 });
		expect(driftAt(t + 6 * DRIFT_INTERVAL_MS)).toStrictEqual({ dx: -1, dy: -1 });
		expect(driftAt(t + 9 * DRIFT_INTERVAL_MS)).toStrictEqual({ dx: 0, dy: 0 });
	});

	it('never moves more than one step on an axis', () => {
		for (let k = 0; k < 20; k++) {
			const { dx, dy } = driftAt(k * DRIFT_INTERVAL_MS);
			expect(Math.abs(dx)).toBeLessThanOrEqual(1);
			expect(Math.abs(dy)).toBeLessThanOrEqual(1);
		}
	});
});
