import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	chooseShown,
	inNightWindow,
	minuteOfDay,
	minutesOf,
	startRotation,
	stepRotation
} from './screen';

const at = (iso: string) => Date.parse(iso);

describe('rotation', () => {
	const items = [
		{ board: 'a', seconds: 10 },
		{ board: 'b', seconds: 5 }
	];

	it('shows each item for its own seconds, then wraps', () => {
		const s0 = startRotation(items, 1000);
		expect(s0).toEqual({ index: 0, until: 11_000 });
		expect(stepRotation(items, s0, 10_999)).toBe(s0);
		const s1 = stepRotation(items, s0, 11_000);
		expect(s1).toEqual({ index: 1, until: 16_000 });
		const s2 = stepRotation(items, s1, 16_000);
		expect(s2).toEqual({ index: 0, until: 26_000 });
	});

	it('resumes a late step with one item, counted from now (a paused screen does not race)', () => {
		expect(stepRotation(items, { index: 0, until: 11_000 }, 100_000)).toEqual({
			index: 1,
			until: 105_000
		});
	});

	it('starts over when the playlist got shorter, and stands still when empty', () => {
		expect(stepRotation(items, { index: 3, until: 0 }, 500)).toEqual({ index: 0, until: 10_500 });
		expect(stepRotation([], { index: 0, until: 0 }, 500)).toEqual({
			index: 0,
			until: Number.POSITIVE_INFINITY
		});
	});

	it('always lands on an item and in the future once due (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({ board: fc.constant('x'), seconds: fc.integer({ min: 5, max: 600 }) }),
					{
						minLength: 1,
						maxLength: 8
					}
				),
				fc.nat({ max: 20 }),
				fc.nat({ max: 10_000_000 }),
				fc.nat({ max: 10_000_000 }),
				(list, index, until, now) => {
					const next = stepRotation(list, { index, until }, now);
					expect(next.index).toBeGreaterThanOrEqual(0);
					expect(next.index).toBeLessThan(list.length);
					if (index < list.length && now < until) expect(next).toEqual({ index, until });
					else expect(next.until).toBeGreaterThan(now);
				}
			)
		);
	});
});

describe('night window', () => {
	it('reads HH:MM and nothing else', () => {
		expect(minutesOf('07:30')).toBe(450);
		expect(minutesOf('23:59')).toBe(1439);
		expect(minutesOf('24:00')).toBeNull();
		expect(minutesOf('7:30')).toBeNull();
	});

	it('Asia/Shanghai (UTC+8): 22:00–06:00 spans midnight, from inclusive, to exclusive', () => {
		const night = { from: '22:00', to: '06:00' };
		expect(minuteOfDay(at('2026-12-01T14:30:00Z'), 'Asia/Shanghai')).toBe(22 * 60 + 30);
		expect(inNightWindow(at('2026-12-01T13:59:59Z'), 'Asia/Shanghai', night)).toBe(false); // 21:59
		expect(inNightWindow(at('2026-12-01T14:00:00Z'), 'Asia/Shanghai', night)).toBe(true); // 22:00
		expect(inNightWindow(at('2026-12-01T16:00:00Z'), 'Asia/Shanghai', night)).toBe(true); // 00:00
		expect(inNightWindow(at('2026-12-01T21:59:00Z'), 'Asia/Shanghai', night)).toBe(true); // 05:59
		expect(inNightWindow(at('2026-12-01T22:00:00Z'), 'Asia/Shanghai', night)).toBe(false); // 06:00
	});

	it('Asia/Shanghai: a window within the day (12:00–13:30)', () => {
		const lunch = { from: '12:00', to: '13:30' };
		expect(inNightWindow(at('2026-12-01T03:59:00Z'), 'Asia/Shanghai', lunch)).toBe(false);
		expect(inNightWindow(at('2026-12-01T04:00:00Z'), 'Asia/Shanghai', lunch)).toBe(true);
		expect(inNightWindow(at('2026-12-01T05:29:00Z'), 'Asia/Shanghai', lunch)).toBe(true);
		expect(inNightWindow(at('2026-12-01T05:30:00Z'), 'Asia/Shanghai', lunch)).toBe(false);
	});

	it('Europe/Berlin: the same UTC instant is in the window in summer (CEST) only', () => {
		const night = { from: '22:00', to: '06:00' };
		// 20:30Z is 21:30 CET in January and 22:30 CEST in July.
		expect(inNightWindow(at('2026-01-15T20:30:00Z'), 'Europe/Berlin', night)).toBe(false);
		expect(inNightWindow(at('2026-07-15T20:30:00Z'), 'Europe/Berlin', night)).toBe(true);
		expect(inNightWindow(at('2026-01-15T21:00:00Z'), 'Europe/Berlin', night)).toBe(true); // 22:00 CET
		expect(inNightWindow(at('2026-07-16T04:00:00Z'), 'Europe/Berlin', night)).toBe(false); // 06:00 CEST
	});

	it('an empty or malformed window never applies', () => {
		const noon = at('2026-12-01T04:00:00Z');
		expect(inNightWindow(noon, 'Asia/Shanghai', { from: '12:00', to: '12:00' })).toBe(false);
		expect(inNightWindow(noon, 'Asia/Shanghai', { from: 'noon', to: '13:00' })).toBe(false);
	});
});

describe('which board wins', () => {
	const nightBoard = { from: '22:00', to: '06:00', mode: 'board' as const, board: 'city' };
	const nightDim = { from: '22:00', to: '06:00', mode: 'dim' as const };

	it('the board, then the playlist item over it', () => {
		expect(chooseShown({ board: 'hall', redAlert: false, nightActive: false })).toEqual({
			board: 'hall',
			dimmed: false,
			reason: 'board'
		});
		expect(
			chooseShown({ board: 'hall', playlistBoard: 'queues', redAlert: false, nightActive: false })
		).toEqual({ board: 'queues', dimmed: false, reason: 'playlist' });
	});

	it('the night board over the playlist; dim keeps the board and darkens it', () => {
		const base = { board: 'hall', playlistBoard: 'queues', redAlert: false, nightActive: true };
		expect(chooseShown({ ...base, night: nightBoard })).toEqual({
			board: 'city',
			dimmed: false,
			reason: 'night'
		});
		expect(chooseShown({ ...base, night: nightDim })).toEqual({
			board: 'queues',
			dimmed: true,
			reason: 'playlist'
		});
		expect(chooseShown({ ...base, night: nightDim, nightActive: false }).dimmed).toBe(false);
	});

	it('a red alert with a red-alert board over everything, undimmed; without one it changes nothing', () => {
		const base = {
			board: 'hall',
			playlistBoard: 'queues',
			redAlert: true,
			nightActive: true,
			night: nightDim
		};
		expect(chooseShown({ ...base, redAlertBoard: 'tickets' })).toEqual({
			board: 'tickets',
			dimmed: false,
			reason: 'redAlert'
		});
		expect(chooseShown({ ...base, night: nightBoard, redAlertBoard: 'tickets' }).board).toBe(
			'tickets'
		);
		expect(chooseShown(base)).toEqual({ board: 'queues', dimmed: true, reason: 'playlist' });
	});
});
