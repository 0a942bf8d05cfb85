import { describe, expect, it } from 'vitest';
import { emptySummaryFixture, summaryFixture } from '../../../tests/fixtures/history';
import { isEmptySummary, kpisOf } from './kpis';

describe('kpisOf', () => {
	// 2026-11-27 is a Friday (w = 5), the previous period 2026-11-26 a Thursday (w = 4).
	// Calls w=5: offered 1050+300+205 = 1555; abandoned 25+10+5 = 40; answered 1515;
	// within target 900+270+190 = 1360; waits 10250+2320+1200 = 13770.
	// Calls w=4: answered 1016+290+199 = 1505; abandoned 39; within 896+270+190 = 1356.
	// Tickets w=5: dispatched 20+148+390 = 558, on time 19+140+385 = 544; surveyed 190,
	// responded 174, resolved 156, satisfied 8+50+99 = 157.
	const kpis = Object.fromEntries(
		kpisOf(summaryFixture('2026-11-27', '2026-11-27')).map((k) => [k.id, k])
	);

	it('takes each figure, its previous value and target from the summary', () => {
		expect(kpis.serviceLevel).toMatchObject({ part: 1360, whole: 1555, target: 0.8 });
		expect(kpis.serviceLevel!.value).toBeCloseTo(1360 / 1555, 12);
		expect(kpis.serviceLevel!.previous).toBeCloseTo(1356 / 1544, 12);
		expect(kpis.answerRate).toMatchObject({ part: 1515, whole: 1555, target: 0.95 });
		expect(kpis.asa!.value).toBeCloseTo(13770 / 1515, 12);
		expect(kpis.asa).toMatchObject({ unit: 'seconds', better: 'lower', target: null });
		expect(kpis.abandonRate).toMatchObject({
			part: 40,
			whole: 1555,
			better: 'lower',
			target: 0.05
		});
		expect(kpis.onTimeRate).toMatchObject({ part: 544, whole: 558, target: 0.95 });
		expect(kpis.responseRate).toMatchObject({ part: 174, whole: 190, target: null });
		expect(kpis.resolutionRate).toMatchObject({ part: 156, whole: 190 });
		expect(kpis.satisfactionRate).toMatchObject({ part: 157, whole: 190 });
		expect(kpis.satisfactionRate!.previous).toBeCloseTo(158 / 190, 12);
	});

	it('tells an empty range from a quiet one', () => {
		expect(isEmptySummary(emptySummaryFixture('2026-11-27', '2026-11-27'))).toBe(true);
		expect(isEmptySummary(summaryFixture('2026-11-27', '2026-11-27'))).toBe(false);
	});
});
