/**
 * Issue 16 #12: the CSV is a report — human headers (zh-CN by default), rounded figures, a BOM
 * for Excel, and the queue it was asked for (the integration test checks the figures against
 * the API through the server, for one queue too).
 */
import { describe, expect, it } from 'vitest';
import { dailyFixture, summaryFixture } from '../../../../tests/fixtures/history';
import { historyCsv } from './csv';

const DAY = '2026-11-27';
const rows = (csv: string) =>
	csv
		.slice(1)
		.split('\r\n')
		.map((l) => l.split(','));

describe('historyCsv', () => {
	const csv = historyCsv(summaryFixture(DAY, DAY), dailyFixture(DAY, DAY, 1, null));

	it('starts with a BOM and has human zh-CN headers, no machine keys', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).not.toMatch(/calls\.|tickets\.|waitSecondsSum|section,/);
		expect(rows(csv)).toContainEqual([
			'指标',
			'本期',
			'上期',
			'环比变化',
			'去年同期',
			'同比变化',
			'目标'
		]);
	});

	it('rounds: rates as percentages with one decimal, seconds whole, no long floats', () => {
		expect(csv).not.toMatch(/\d\.\d{3,}/);
		// 1360 / 1555 = 87.46 %, target 80 %; ASA 13770 / 1515 = 9.09 s.
		expect(rows(csv)).toContainEqual([
			'服务水平',
			'87.5%',
			'87.8%',
			'-0.4',
			'87.8%',
			'-0.4',
			'80.0%'
		]);
		expect(rows(csv).find((r) => r[0] === '平均应答（秒）')?.[1]).toBe('9');
	});

	it('names the queue its call figures are for', () => {
		const one = historyCsv(
			{ ...summaryFixture(DAY, DAY), queue: 'elderly' },
			dailyFixture(DAY, DAY, 1, 'elderly')
		);
		expect(rows(one)).toContainEqual(['队列', 'elderly']);
		expect(rows(csv)).toContainEqual(['队列', '全部队列']);
	});
});
