/**
 * The order in which a screen lists overdue tickets: emergencies first, then livelihood, then
 * general (the order of `CATEGORIES`), and within a category the longest overdue first. The
 * snapshot's `overdueList` stays as contract §3 fixes it (the 50 most overdue, most overdue
 * first, whatever the category); this is the wall's reading of it, so that an emergency overdue
 * by ten minutes is never behind general tickets overdue by hours. Pure: sorts a copy.
 */
import { CATEGORIES, type Category } from '../contract/events';
import type { OverdueTicket } from '../contract/snapshot';

const RANK: Record<Category, number> = Object.fromEntries(
	CATEGORIES.map((c, i) => [c, i])
) as Record<Category, number>;

/** `list` by category (emergency, livelihood, general), longest overdue first, then by id. */
export function byUrgency(list: readonly OverdueTicket[]): OverdueTicket[] {
	return [...list].sort(
		(a, b) =>
			RANK[a.category] - RANK[b.category] ||
			b.overdueSeconds - a.overdueSeconds ||
			(a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0)
	);
}

/**
 * What a list showing `shown` leaves out: all overdue tickets (the snapshot's per-category
 * counts, which the capped list may not hold in full) less those shown, and of them how many
 * are emergencies.
 */
export function hiddenOverdue(
	overdue: Record<Category, number>,
	shown: readonly OverdueTicket[]
): { total: number; emergency: number } {
	const total = CATEGORIES.reduce((n, c) => n + overdue[c], 0);
	const shownEmergency = shown.filter((t) => t.category === 'emergency').length;
	return {
		total: Math.max(0, total - shown.length),
		emergency: Math.max(0, overdue.emergency - shownEmergency)
	};
}
