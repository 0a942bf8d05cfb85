/**
 * 15-minute wall-clock slots: the business day ('YYYY-MM-DD') and the local minute of the slot
 * (0, 15, …, 1425) an instant falls in, in an IANA zone. Slots follow the local clock, so on a
 * daylight-saving change a day has 92 or 100 slots' worth of time: the skipped hour has no slot,
 * the repeated hour's two passes share theirs.
 *
 * Cached per 15-minute block of epoch time, as in timezone.ts: every current UTC offset is a
 * multiple of 15 minutes, so a block maps to one slot; a block whose first and last millisecond
 * disagree (historical offsets) is never cached and is formatted per call.
 */
import { cachedPerBlock, zoneFormatter } from './timezone';

export const SLOT_MINUTES = 15;
const CACHE_MAX_BLOCKS = 20_000;

export type LocalSlot = { day: string; minute: number };
export type LocalSlotFn = (ms: number) => LocalSlot;

/** Returns `slotOf` bound to `timezone`. Throws a RangeError naming an unknown zone. */
export function createLocalSlot(timezone: string): LocalSlotFn {
	const formatter = zoneFormatter(timezone, {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});

	const format = (ms: number): LocalSlot => {
		let year = '';
		let month = '';
		let day = '';
		let hour = 0;
		let minute = 0;
		for (const part of formatter.formatToParts(ms)) {
			if (part.type === 'year') year = part.value;
			else if (part.type === 'month') month = part.value;
			else if (part.type === 'day') day = part.value;
			else if (part.type === 'hour') hour = Number(part.value) % 24;
			else if (part.type === 'minute') minute = Number(part.value);
		}
		const m = hour * 60 + minute;
		return {
			day: `${year.padStart(4, '0')}-${month}-${day}`,
			minute: m - (m % SLOT_MINUTES)
		};
	};

	return cachedPerBlock(
		format,
		(a, b) => a.day === b.day && a.minute === b.minute,
		CACHE_MAX_BLOCKS
	);
}
