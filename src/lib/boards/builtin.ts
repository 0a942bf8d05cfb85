/**
 * The built-in boards: the hall's standard layouts on a 12×6 grid. They can be copied and the
 * copy edited; the originals cannot be changed or deleted, so a screen set to one always works.
 */
import type { Board } from '$lib/contract/boards';

const t = (
	type: string,
	x: number,
	y: number,
	w: number,
	h: number,
	options?: Board['tiles'][number]['options']
) => ({
	type,
	x,
	y,
	w,
	h,
	...(options ? { options } : {})
});

export const BUILT_IN_BOARDS: readonly Board[] = [
	{
		id: 'hall',
		name: '全场 Hall',
		columns: 12,
		rows: 6,
		tiles: [
			t('waiting', 0, 0, 3, 2),
			t('longestWait', 3, 0, 3, 2),
			t('serviceLevel', 6, 0, 3, 2),
			t('answerRate24h', 9, 0, 3, 2),
			t('today', 0, 2, 3, 2),
			t('series', 3, 2, 5, 2),
			t('queues', 8, 2, 4, 2),
			t('agents', 0, 4, 3, 2),
			t('tickets', 3, 4, 4, 2),
			t('overdue', 7, 4, 5, 2)
		]
	},
	{
		id: 'tickets',
		name: '工单 Tickets',
		columns: 12,
		rows: 6,
		tiles: [
			t('tickets', 0, 0, 4, 3),
			t('overdue', 4, 0, 8, 3),
			t('districtRanking', 0, 3, 4, 3),
			t('topics', 4, 3, 5, 3),
			t('callbacks', 9, 3, 3, 3)
		]
	},
	{
		id: 'queues',
		name: '队列 Queues',
		columns: 12,
		rows: 6,
		tiles: [
			t('waiting', 0, 0, 3, 2),
			t('longestWait', 3, 0, 3, 2),
			t('serviceLevel', 6, 0, 3, 2),
			t('answerRate24h', 9, 0, 3, 2),
			t('queues', 0, 2, 6, 4),
			t('series', 6, 2, 6, 2),
			t('agents', 6, 4, 2, 2),
			t('staffing', 8, 4, 4, 2)
		]
	},
	{
		id: 'city',
		name: '民生态势 City',
		columns: 12,
		rows: 6,
		tiles: [
			t('districtMap', 0, 0, 7, 6),
			t('answerRate24h', 7, 0, 3, 2),
			t('callbacks', 10, 0, 2, 2),
			t('topics', 7, 2, 5, 2),
			t('staffing', 7, 4, 5, 2)
		]
	}
];

export const BUILT_IN_BOARD_IDS: ReadonlySet<string> = new Set(BUILT_IN_BOARDS.map((b) => b.id));

/** The board a screen shows when it is told nothing else. */
export const DEFAULT_BOARD_ID = 'hall';
