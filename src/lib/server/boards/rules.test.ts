import { describe, expect, it } from 'vitest';
import type { Playlist } from '../../contract/boards';
import {
	assignmentFromForm,
	BoardsError,
	boardUsers,
	inUseMessage,
	missingBoards,
	parseAssignment,
	playlistUsers,
	problemsMessage,
	screenShowingSchema
} from './rules';

const day: Playlist = {
	id: 'day',
	name: 'Day',
	items: [
		{ board: 'hall', seconds: 60 },
		{ board: 'mine', seconds: 30 }
	]
};
const night: Playlist = {
	id: 'night',
	name: 'Night',
	items: [{ board: 'hall', seconds: 60 }],
	redAlertBoard: 'alarm'
};
const screens = [
	{ name: 'Hall left', assignment: { board: 'mine' } },
	{ name: 'Hall right', assignment: { playlist: 'day' } },
	{
		name: 'Office',
		assignment: {
			board: 'hall',
			night: { from: '22:00', to: '07:00', mode: 'board' as const, board: 'mine' }
		}
	}
];
const exists = {
	board: (id: string) => ['hall', 'queues', 'mine'].includes(id),
	playlist: (id: string) => id === 'day'
};

describe('who uses a board or playlist', () => {
	it.each([
		['mine', { playlists: ['Day'], screens: ['Hall left', 'Office'] }],
		['alarm', { playlists: ['Night'], screens: [] }],
		['hall', { playlists: ['Day', 'Night'], screens: ['Office'] }],
		['queues', { playlists: [], screens: [] }]
	])('board %s', (id, users) => {
		expect(boardUsers(id, [day, night], screens)).toEqual(users);
	});

	it('playlist day: the screen that rotates through it', () => {
		expect(playlistUsers('day', screens)).toEqual(['Hall right']);
		expect(playlistUsers('night', screens)).toEqual([]);
	});

	it.each([
		[
			{ playlists: ['Day'], screens: ['Hall left', 'Office'] },
			'in use by playlist “Day” and screens “Hall left”, “Office”'
		],
		[{ playlists: [], screens: ['Hall right'] }, 'in use by screen “Hall right”'],
		[{ playlists: ['Day', 'Night'] }, 'in use by playlists “Day”, “Night”'],
		[{ playlists: [], screens: [] }, null]
	])('%j → %s', (users, message) => {
		expect(inUseMessage(users)).toBe(message);
	});
});

describe('a playlist naming boards', () => {
	it('names each missing item by index, and the red-alert board', () => {
		const p = {
			items: [
				{ board: 'hall', seconds: 5 },
				{ board: 'gone', seconds: 5 }
			],
			redAlertBoard: 'nope'
		};
		expect(missingBoards(p, exists.board)).toEqual([
			{ item: 1, field: 'board', message: 'item 1: no board "gone"' },
			{ field: 'redAlertBoard', message: 'redAlertBoard: no board "nope"' }
		]);
		expect(missingBoards(day, exists.board)).toEqual([]);
	});

	it('one message: the first problem and how many more', () => {
		expect(problemsMessage([{ message: 'a' }, { message: 'b' }, { message: 'c' }])).toBe(
			'a (and 2 more)'
		);
		expect(problemsMessage([{ message: 'a' }])).toBe('a');
	});
});

describe('a screen assignment', () => {
	it.each([
		[{}, {}],
		[{ board: 'queues' }, { board: 'queues' }],
		[{ playlist: 'day' }, { playlist: 'day' }],
		[
			{ board: 'hall', night: { from: '22:00', to: '06:30', mode: 'dim' } },
			{ board: 'hall', night: { from: '22:00', to: '06:30', mode: 'dim' } }
		],
		[
			{ playlist: 'day', night: { from: '19:00', to: '23:59', mode: 'board', board: 'queues' } },
			{ playlist: 'day', night: { from: '19:00', to: '23:59', mode: 'board', board: 'queues' } }
		]
	])('%j is accepted', (input, expected) => {
		expect(parseAssignment(input, exists)).toEqual(expected);
	});

	it.each([
		[{ board: 'hall', playlist: 'day' }, 'playlist: a board or a playlist, not both'],
		[{ board: 'gone' }, 'board: no board "gone"'],
		[{ playlist: 'evening' }, 'playlist: no playlist "evening"'],
		[
			{ night: { from: '24:00', to: '07:00', mode: 'dim' } },
			'night.from: must be HH:MM (00:00–23:59)'
		],
		[
			{ night: { from: '7:00', to: '07:00', mode: 'dim' } },
			'night.from: must be HH:MM (00:00–23:59)'
		],
		[{ night: { from: '07:00', to: '07:00', mode: 'dim' } }, 'night.to: from and to must differ'],
		[
			{ night: { from: '22:00', to: '07:00', mode: 'board' } },
			'night.board: a board is needed for mode "board", and only then'
		],
		[
			{ night: { from: '22:00', to: '07:00', mode: 'dim', board: 'hall' } },
			'night.board: a board is needed for mode "board", and only then'
		],
		[
			{ night: { from: '22:00', to: '07:00', mode: 'board', board: 'gone' } },
			'night.board: no board "gone"'
		]
	])('%j → 400 %s', (input, message) => {
		let thrown: unknown;
		try {
			parseAssignment(input, exists);
		} catch (err) {
			thrown = err;
		}
		expect(thrown).toBeInstanceOf(BoardsError);
		expect(thrown).toMatchObject({ status: 400, message, name: 'BoardsError' });
	});
});

describe('the /admin/displays form', () => {
	const form = (fields: Record<string, string>) => (name: string) => fields[name] ?? '';
	it.each([
		[{ show: 'board:queues' }, { board: 'queues' }],
		[
			{ show: 'playlist:day', night: '', nightFrom: '22:00', nightTo: '07:00' },
			{ playlist: 'day' }
		],
		[{ show: '' }, {}],
		[
			{
				show: 'board:hall',
				night: 'dim',
				nightFrom: '22:00',
				nightTo: '07:00',
				nightBoard: 'queues'
			},
			{ board: 'hall', night: { from: '22:00', to: '07:00', mode: 'dim' } }
		],
		[
			{
				show: 'board:hall',
				night: 'board',
				nightFrom: '22:00',
				nightTo: '07:00',
				nightBoard: 'queues'
			},
			{ board: 'hall', night: { from: '22:00', to: '07:00', mode: 'board', board: 'queues' } }
		],
		[
			{ show: 'board:hall', night: 'board', nightFrom: '22:00', nightTo: '07:00', nightBoard: '' },
			{ board: 'hall', night: { from: '22:00', to: '07:00', mode: 'board' } }
		]
	])('%j → %j', (fields, expected) => {
		expect(assignmentFromForm(form(fields))).toEqual(expected);
	});
});

describe('screen.showing', () => {
	it('takes a board, an optional playlist and dimmed; nothing else', () => {
		expect(screenShowingSchema.safeParse({ board: 'hall', dimmed: false }).success).toBe(true);
		expect(
			screenShowingSchema.safeParse({ board: 'hall', playlist: 'day', dimmed: true }).success
		).toBe(true);
		expect(screenShowingSchema.safeParse({ board: 'hall' }).success).toBe(false);
		expect(screenShowingSchema.safeParse({ board: 'hall', dimmed: false, extra: 1 }).success).toBe(
			false
		);
		expect(
			screenShowingSchema.safeParse({ kind: 'queue', queue: 'general', id: 'x' }).success
		).toBe(false);
	});
});
