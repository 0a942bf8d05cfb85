/**
 * What a wall screen shows, as pure functions of the time and what it was told (no I/O, no
 * Date.now(): the wall passes its clock). Which board wins: an unacknowledged red alert (with a
 * playlist's `redAlertBoard`) > the night schedule's board > the playlist's current item > the
 * board. The night window is read in the business time zone.
 */
import type { NightSchedule, PlaylistItem } from '$lib/contract/boards';

/** Where a rotation is: the item shown and when (epoch ms) it gives way to the next. */
export type RotationState = { index: number; until: number };

/** The rotation's start: the first item, for its seconds from `now`. */
export function startRotation(items: readonly PlaylistItem[], now: number): RotationState {
	return { index: 0, until: now + (items[0]?.seconds ?? 0) * 1000 };
}

/**
 * The rotation at `now`: unchanged before `until`, else the next item (wrapping) for its own
 * seconds from `now` — a screen that was paused or asleep resumes with one step, never a burst.
 * An index beyond a shortened playlist starts over.
 */
export function stepRotation(
	items: readonly PlaylistItem[],
	state: RotationState,
	now: number
): RotationState {
	if (items.length === 0) return { index: 0, until: Number.POSITIVE_INFINITY };
	if (state.index >= items.length) return startRotation(items, now);
	if (now < state.until) return state;
	const index = (state.index + 1) % items.length;
	return { index, until: now + (items[index]?.seconds ?? 0) * 1000 };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "07:30" → 450; null when not HH:MM. */
export function minutesOf(hhmm: string): number | null {
	const m = HHMM.exec(hhmm);
	return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes since midnight of the instant `at` (epoch ms) on the wall clock of `timeZone`. */
export function minuteOfDay(at: number, timeZone: string): number {
	let f = formats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formats.set(timeZone, f);
	}
	const parts = f.formatToParts(at);
	const hour = Number(parts.find((p) => p.type === 'hour')?.value);
	const minute = Number(parts.find((p) => p.type === 'minute')?.value);
	return hour * 60 + minute;
}

/**
 * Whether `at` lies in [from, to) on the wall clock of `timeZone`; `from` later than `to` spans
 * midnight (22:00–06:00), equal means never. Malformed times never match.
 */
export function inNightWindow(
	at: number,
	timeZone: string,
	night: Pick<NightSchedule, 'from' | 'to'>
): boolean {
	const from = minutesOf(night.from);
	const to = minutesOf(night.to);
	if (from === null || to === null || from === to) return false;
	const m = minuteOfDay(at, timeZone);
	return from < to ? m >= from && m < to : m >= from || m < to;
}

export type ShownReason = 'redAlert' | 'night' | 'playlist' | 'board';

export type Shown = { board: string; dimmed: boolean; reason: ShownReason };

/**
 * Which board the screen shows. `playlistBoard` is the rotation's current item (undefined when
 * no playlist), `board` the board asked for otherwise. A red alert's board needs `redAlert`
 * (an active, unacknowledged red alert) and a `redAlertBoard`; the night applies while `night` is
 * set and `nightActive`: `board` mode shows its board, `dim` dims whatever would be shown.
 */
export function chooseShown(input: {
	board: string;
	playlistBoard?: string;
	redAlert: boolean;
	redAlertBoard?: string;
	night?: NightSchedule;
	nightActive: boolean;
}): Shown {
	const nightOn = input.night !== undefined && input.nightActive;
	const dimmed = nightOn && input.night?.mode === 'dim';
	if (input.redAlert && input.redAlertBoard) {
		return { board: input.redAlertBoard, dimmed: false, reason: 'redAlert' };
	}
	if (nightOn && input.night?.mode === 'board' && input.night.board) {
		return { board: input.night.board, dimmed: false, reason: 'night' };
	}
	if (input.playlistBoard !== undefined) {
		return { board: input.playlistBoard, dimmed, reason: 'playlist' };
	}
	return { board: input.board, dimmed, reason: 'board' };
}
