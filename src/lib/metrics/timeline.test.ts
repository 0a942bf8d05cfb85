import { describe, expect, it } from 'vitest';
import { ev, ms } from '../../../tests/fixtures/events';
import { DEFAULT_METRICS_CONFIG } from './config';
import { ticketTimeline } from './timeline';

const D = DEFAULT_METRICS_CONFIG.dispatchDeadlineMs;
const NOW = ms('2026-03-02T12:00:00Z');

describe('ticketTimeline', () => {
	const created = ev.created('t1', 'T1', 'livelihood', '2026-03-02T08:00:00Z', {
		kind: 'complaint',
		district: '朝阳区',
		callerName: '张三',
		callerPhone: '13812340000',
		summary: '小区停水两天'
	});

	it('masks the caller, keeps the summary, marks a late dispatch and orders the entries', () => {
		const t = ticketTimeline(
			'T1',
			[
				ev.survey(
					's1',
					'T1',
					{ responded: true, resolved: true, satisfied: false },
					'2026-03-02T11:00:00Z'
				),
				ev.feedback('f1', 'T1', 'unreasonable', '2026-03-02T10:30:00Z'),
				// livelihood deadline 10:00; dispatched 10:05 → late. A later duplicate dispatch is ignored.
				ev.dispatched('d2', 'T1', '2026-03-02T10:20:00Z', '燃气集团'),
				ev.dispatched('d1', 'T1', '2026-03-02T10:05:00Z', '供水集团'),
				created,
				ev.created('x', 'OTHER', 'general', '2026-03-02T08:00:00Z')
			],
			D,
			NOW
		);
		expect(t).toEqual({
			ticketId: 'T1',
			status: 'closed',
			entries: [
				{
					type: 'created',
					at: '2026-03-02T08:00:00.000Z',
					category: 'livelihood',
					kind: 'complaint',
					district: '朝阳区',
					callerNameMasked: '张*',
					callerPhoneMasked: '138****0000',
					summary: '小区停水两天',
					deadlineAt: '2026-03-02T10:00:00.000Z'
				},
				{
					type: 'dispatched',
					at: '2026-03-02T10:05:00.000Z',
					department: '供水集团',
					onTime: false,
					deadlineAt: '2026-03-02T10:00:00.000Z'
				},
				{
					type: 'feedback',
					at: '2026-03-02T10:30:00.000Z',
					outcome: 'unreasonable',
					reason: null,
					legalBasis: 'Regulation art. 12'
				},
				{
					type: 'survey',
					at: '2026-03-02T11:00:00.000Z',
					responded: true,
					resolved: true,
					satisfied: false
				}
			]
		});
		expect(JSON.stringify(t)).not.toContain('13812340000');
		expect(JSON.stringify(t)).not.toContain('张三');
	});

	it('pending before the deadline, overdue after it, null for an unknown ticket', () => {
		expect(ticketTimeline('T1', [created], D, ms('2026-03-02T09:59:59Z'))?.status).toBe('pending');
		expect(ticketTimeline('T1', [created], D, NOW)?.status).toBe('overdue');
		expect(ticketTimeline('T1', [], D, NOW)).toBeNull();
	});
});
