import { describe, expect, it } from 'vitest';
import { visibleRows } from './breakdown-rows';

const rows = Array.from({ length: 251 }, (_, i) => ({
	name: i % 50 === 0 ? `市水务局 ${i}` : `单位${i}`
}));

describe('visibleRows (issue 16 #11: 251 departments)', () => {
	it('shows the top 20 by default and says how many are hidden', () => {
		const v = visibleRows(rows, '', 20, false);
		expect(v.rows).toEqual(rows.slice(0, 20));
		expect(v).toMatchObject({ matching: 251, hidden: 231 });
	});
	it('shows all when asked', () => {
		expect(visibleRows(rows, '', 20, true)).toMatchObject({ matching: 251, hidden: 0 });
		expect(visibleRows(rows, '', 20, true).rows).toHaveLength(251);
	});
	it('searches by name, ignoring case and outer spaces, in the sorted order', () => {
		const v = visibleRows(rows, '  水务 ', 20, false);
		expect(v.rows.map((r) => r.name)).toEqual([
			'市水务局 0',
			'市水务局 50',
			'市水务局 100',
			'市水务局 150',
			'市水务局 200',
			'市水务局 250'
		]);
		expect(v.hidden).toBe(0);
		expect(visibleRows([{ name: 'Water Authority' }], 'water', 20, false).matching).toBe(1);
		expect(visibleRows(rows, '没有这个', 20, false)).toMatchObject({ rows: [], matching: 0 });
	});
	it('without a limit shows every row', () => {
		expect(visibleRows(rows.slice(0, 3), '', null, false).rows).toHaveLength(3);
	});
});
