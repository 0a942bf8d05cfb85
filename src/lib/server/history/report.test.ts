import { describe, expect, it } from 'vitest';
import { dailyFixture, summaryFixture } from '../../../../tests/fixtures/history';
import { historyCsv } from './csv';
import { formatCell, historyReport } from './report';

// 2026-11-27 is a Friday (w = 5), the previous day Thursday (w = 4); a year before,
// 2025-11-27, was a Thursday (w = 4) too. See tests/fixtures/history.ts for the formulas.
const DAY = '2026-11-27';
const summary = summaryFixture(DAY, DAY);
const daily = dailyFixture(DAY, DAY, 1, null);

describe('formatCell: rounded as a report, never a 16-digit float', () => {
	it.each([
		[{ kind: 'rate', value: 1360 / 1555 }, '87.5%'],
		[{ kind: 'rate', value: 1 }, '100.0%'],
		[{ kind: 'rate', value: null }, ''],
		[{ kind: 'seconds', value: 13770 / 1515 }, '9'],
		[{ kind: 'count', value: 1555 }, '1555'],
		[{ kind: 'points', value: 0.0436 }, '0.0'],
		[{ kind: 'points', value: -0.0436 }, '0.0'],
		[{ kind: 'points', value: -0.53 }, '-0.5'],
		[{ kind: 'points', value: 1.25 }, '+1.3'],
		[{ kind: 'text', value: '朝阳区' }, '朝阳区']
	] as const)('%j → %s', (cell, text) => expect(formatCell(cell)).toBe(text));
});

describe('historyReport', () => {
	const report = historyReport(summary, daily);
	const kpis = report.sections.find((s) => s.key === 'kpis')!;
	const row = (name: string) => kpis.rows.find((r) => r[0]!.value === name)!.map(formatCell);

	it('has human zh-CN headers and the hand-worked figures, with 环比 and 同比', () => {
		expect(kpis.header).toEqual([
			'指标',
			'本期',
			'上期',
			'环比变化',
			'去年同期',
			'同比变化',
			'目标'
		]);
		// Offered w=5: 1050 + 300 + 205 = 1555; w=4: 1040 + 300 + 204 = 1544.
		expect(row('呼入')).toEqual(['呼入', '1555', '1544', '11', '1544', '11', '']);
		// Service level 1360/1555 = 87.46 %, Thursday 1356/1544 = 87.82 %: −0.4 points.
		expect(row('服务水平')).toEqual([
			'服务水平',
			'87.5%',
			'87.8%',
			'-0.4',
			'87.8%',
			'-0.4',
			'80.0%'
		]);
		// ASA 13770 / 1515 = 9.09 s.
		expect(row('平均应答（秒）')[1]).toBe('9');
		// Replies on 558 dispatched: 27 + 27 (⌊n/20⌋ per district row) … closed = dispatched.
		const closed = summary.tickets.all.completion.closed;
		expect(closed).toBe(summary.tickets.all.dispatched);
		expect(row('办结（单位反馈）')[1]).toBe(String(closed));
		// Created 20 + 155 + 410 = 585: 558 / 585 = 95.4 %.
		expect(row('办结率')[1]).toBe('95.4%');
	});

	it('writes English headers for en', () => {
		const en = historyReport(summary, daily, 'en');
		expect(en.sections.map((s) => s.title)).toEqual([
			'Report',
			'Key figures',
			'By queue',
			'By ticket category',
			'By district',
			'By handling unit',
			'Daily'
		]);
		expect(en.sections[3]!.rows.map((r) => r[0]!.value)).toEqual([
			'Emergency',
			'Livelihood',
			'General'
		]);
	});

	it('says when the call figures are one queue’s', () => {
		const info = historyReport({ ...summary, queue: 'elderly' }, daily).sections[0]!;
		expect(info.rows.map((r) => r.map(formatCell))).toContainEqual(['队列', 'elderly']);
		expect(info.rows.map((r) => r[0]!.value)).toContain('说明');
	});

	it('the CSV starts with a BOM, uses CRLF and keeps a name with a comma in one field', () => {
		const csv = historyCsv(
			{
				...summary,
				tickets: { ...summary.tickets, byDistrict: { '=A1,区': summary.tickets.all } }
			},
			daily
		);
		expect(csv.startsWith('\uFEFF热线历史报表\r\n')).toBe(true);
		expect(csv).toContain(`\r\n"'=A1,区",585,`);
	});
});
