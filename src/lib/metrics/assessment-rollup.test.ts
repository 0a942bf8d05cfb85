/** The assessment rollup rows of one ticket, hand-worked (Asia/Shanghai business days). */
import { describe, expect, it } from 'vitest';
import { ev } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from './config';
import { createRollup } from './rollup';

const rollup = createRollup({ ...DEFAULT_METRICS_CONFIG, timezone: 'Asia/Shanghai' });
const yes = { responded: true, resolved: true, satisfied: true };

describe('assessmentRows', () => {
	it('counts created on its day and the latest survey on its own day, keyed by the earliest created and the first dispatch', () => {
		const events = [
			// The earliest created (Nov 30, 23:30 Beijing) wins over a later one naming another street.
			ev.created('a', 't1', 'livelihood', '2026-11-30T15:30:00Z', {
				district: '朝阳区',
				street: '望京街道',
				topic: '供暖'
			}),
			ev.created('b', 't1', 'livelihood', '2026-11-30T16:30:00Z', {
				district: '海淀区',
				street: '中关村街道',
				topic: '停水'
			}),
			ev.dispatched('c', 't1', '2026-12-01T01:00:00Z', '朝阳区城管委'),
			ev.dispatched('d', 't1', '2026-12-01T02:00:00Z', '北京市热力集团'),
			ev.survey('e', 't1', yes, '2026-12-03T02:00:00Z'),
			// The latest survey (Dec 5) replaces the Dec 3 one.
			ev.survey(
				'f',
				't1',
				{ responded: true, resolved: false, satisfied: false },
				'2026-12-05T03:00:00Z'
			)
		];
		const keys = {
			district: '朝阳区',
			street: '望京街道',
			department: '朝阳区城管委',
			topic: '供暖'
		};
		const zero = { created: 0, surveyed: 0, responded: 0, resolved: 0, satisfied: 0 };
		expect(rollup.assessmentRows(events)).toEqual([
			{ day: '2026-11-30', ...keys, ...zero, created: 1 },
			{ day: '2026-12-05', ...keys, ...zero, surveyed: 1, responded: 1 }
		]);
	});

	it("uses '' for a missing street, topic and department; nothing without a created", () => {
		const created = ev.created('a', 't2', 'general', '2026-12-01T02:00:00Z', {
			district: '东城区'
		});
		const survey = ev.survey('b', 't2', yes, '2026-12-01T03:00:00Z');
		expect(rollup.assessmentRows([created, survey])).toEqual([
			{
				day: '2026-12-01',
				district: '东城区',
				street: '',
				department: '',
				topic: '',
				created: 1,
				surveyed: 1,
				responded: 1,
				resolved: 1,
				satisfied: 1
			}
		]);
		expect(rollup.assessmentRows([survey])).toEqual([]);
	});
});
