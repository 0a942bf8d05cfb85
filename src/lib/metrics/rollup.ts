/**
 * History rollups: what one call or one ticket adds to the history tables, computed from ALL its
 * stored events. Storage keeps, per key, the sum over entities of their current contribution;
 * when new events of an entity arrive, its contribution before them is retracted and the one
 * after them added (retract-and-reapply, as the live engine does in memory), so the sums never
 * depend on the order or chunking in which events arrived.
 *
 * The rules are the live engine's (engine.ts), so today's rollups equal the live snapshot's
 * today figures:
 * - calls: the earliest `call.offered` (order (at, id)) gives the queue; no offered, no
 *   contribution. The earliest `call.answered` counts as answered at its own time, with the wait
 *   max(0, answered − offered) and "within target" when wait <= the queue's target; the earliest
 *   `call.abandoned` counts only when the call was never answered. The earliest `call.ended` of
 *   an answered call adds one ended call and its talk time max(0, ended − answered).
 * - tickets: the earliest `ticket.created` gives category and district; no created, no
 *   contribution. The earliest `ticket.dispatched` gives the department (for all the ticket's
 *   counts; '' while not dispatched) and counts as dispatched on its day, on time when
 *   dispatched.at <= created.at + the category's deadline. The latest `ticket.feedback` and the
 *   latest `ticket.survey` (a re-survey replaces the earlier one) count on their own days.
 *
 * Each count lands in the slot (calls: 15-minute wall-clock slot, local-slot.ts) or business day
 * (tickets) of its own event time in the configured zone.
 */
import type { Category, FeedbackOutcome, WallboardEvent } from '../contract/events';
import type { MetricsConfig } from './config';
import { createLocalSlot } from './local-slot';

export type CallCounts = {
	offered: number;
	answered: number;
	answeredWithinTarget: number;
	abandoned: number;
	/** Integer milliseconds, so retraction is exact. */
	waitMsSum: number;
	ended: number;
	talkMsSum: number;
};

/** One 15-minute slot of one queue: `minute` from local midnight of `day`. */
export type CallRollupRow = { day: string; minute: number; queue: string } & CallCounts;

export type TicketCounts = {
	created: number;
	dispatched: number;
	dispatchedOnTime: number;
	dispatchedLate: number;
	feedbackResolved: number;
	feedbackUnresolvable: number;
	feedbackUnreasonable: number;
	surveyed: number;
	responded: number;
	resolved: number;
	satisfied: number;
};

export type TicketRollupRow = {
	day: string;
	category: Category;
	district: string;
	/** The dispatched department; '' for a ticket not dispatched (yet). */
	department: string;
} & TicketCounts;

export const CALL_COUNT_KEYS = [
	'offered',
	'answered',
	'answeredWithinTarget',
	'abandoned',
	'waitMsSum',
	'ended',
	'talkMsSum'
] as const satisfies readonly (keyof CallCounts)[];

export const TICKET_COUNT_KEYS = [
	'created',
	'dispatched',
	'dispatchedOnTime',
	'dispatchedLate',
	'feedbackResolved',
	'feedbackUnresolvable',
	'feedbackUnreasonable',
	'surveyed',
	'responded',
	'resolved',
	'satisfied'
] as const satisfies readonly (keyof TicketCounts)[];

const FEEDBACK_KEY: Record<FeedbackOutcome, keyof TicketCounts> = {
	resolved: 'feedbackResolved',
	unresolvable: 'feedbackUnresolvable',
	unreasonable: 'feedbackUnreasonable'
};

export function zeroCallCounts(): CallCounts {
	return {
		offered: 0,
		answered: 0,
		answeredWithinTarget: 0,
		abandoned: 0,
		waitMsSum: 0,
		ended: 0,
		talkMsSum: 0
	};
}

export function zeroTicketCounts(): TicketCounts {
	return {
		created: 0,
		dispatched: 0,
		dispatchedOnTime: 0,
		dispatchedLate: 0,
		feedbackResolved: 0,
		feedbackUnresolvable: 0,
		feedbackUnreasonable: 0,
		surveyed: 0,
		responded: 0,
		resolved: 0,
		satisfied: 0
	};
}

type Stamp = { at: number; id: string };
function before(a: Stamp, b: Stamp): boolean {
	return a.at < b.at || (a.at === b.at && a.id < b.id);
}
function earliest<T extends Stamp>(current: T | null, e: T): T {
	return current === null || before(e, current) ? e : current;
}
function latest<T extends Stamp>(current: T | null, e: T): T {
	return current === null || before(current, e) ? e : current;
}

/** Keys never contain NUL: the ingest refuses NUL in every string. */
const SEP = '\u0000';
const callKey = (day: string, minute: number, queue: string) =>
	`${day}${SEP}${minute}${SEP}${queue}`;
const ticketKey = (day: string, category: string, district: string, department: string) =>
	`${day}${SEP}${category}${SEP}${district}${SEP}${department}`;

export interface Rollup {
	/** The rows one call adds, from all its events (other types are ignored). */
	callContribution(events: readonly WallboardEvent[]): CallRollupRow[];
	/** The rows one ticket adds, from all its events (other types are ignored). */
	ticketContribution(events: readonly WallboardEvent[]): TicketRollupRow[];
}

export function createRollup(
	config: Pick<
		MetricsConfig,
		'timezone' | 'serviceLevelTargetMs' | 'serviceLevelTargetByQueueMs' | 'dispatchDeadlineMs'
	>
): Rollup {
	const slotOf = createLocalSlot(config.timezone);
	const targets = new Map(Object.entries(config.serviceLevelTargetByQueueMs));
	const targetOf = (queue: string) => targets.get(queue) ?? config.serviceLevelTargetMs;

	function callContribution(events: readonly WallboardEvent[]): CallRollupRow[] {
		let offered: (Stamp & { queue: string }) | null = null;
		let answered: Stamp | null = null;
		let abandoned: Stamp | null = null;
		let ended: Stamp | null = null;
		for (const e of events) {
			if (e.type === 'call.offered') offered = earliest(offered, e);
			else if (e.type === 'call.answered') answered = earliest(answered, e);
			else if (e.type === 'call.abandoned') abandoned = earliest(abandoned, e);
			else if (e.type === 'call.ended') ended = earliest(ended, e);
		}
		if (offered === null) return [];
		const queue = offered.queue;
		const rows = new Map<string, CallRollupRow>();
		const row = (at: number): CallRollupRow => {
			const { day, minute } = slotOf(at);
			const key = callKey(day, minute, queue);
			let r = rows.get(key);
			if (r === undefined) {
				r = { day, minute, queue, ...zeroCallCounts() };
				rows.set(key, r);
			}
			return r;
		};
		row(offered.at).offered += 1;
		if (answered !== null) {
			const waitMs = Math.max(0, answered.at - offered.at);
			const r = row(answered.at);
			r.answered += 1;
			r.waitMsSum += waitMs;
			if (waitMs <= targetOf(queue)) r.answeredWithinTarget += 1;
			if (ended !== null) {
				const e = row(ended.at);
				e.ended += 1;
				e.talkMsSum += Math.max(0, ended.at - answered.at);
			}
		} else if (abandoned !== null) {
			row(abandoned.at).abandoned += 1;
		}
		return [...rows.values()];
	}

	function ticketContribution(events: readonly WallboardEvent[]): TicketRollupRow[] {
		let created: (Stamp & { category: Category; district: string }) | null = null;
		let dispatched: (Stamp & { department: string }) | null = null;
		let feedback: (Stamp & { outcome: FeedbackOutcome }) | null = null;
		let survey: (Stamp & { responded: boolean; resolved: boolean; satisfied: boolean }) | null =
			null;
		for (const e of events) {
			if (e.type === 'ticket.created') created = earliest(created, e);
			else if (e.type === 'ticket.dispatched') dispatched = earliest(dispatched, e);
			else if (e.type === 'ticket.feedback') feedback = latest(feedback, e);
			else if (e.type === 'ticket.survey') survey = latest(survey, e);
		}
		if (created === null) return [];
		const { category, district } = created;
		const department = dispatched?.department ?? '';
		const rows = new Map<string, TicketRollupRow>();
		const row = (at: number): TicketRollupRow => {
			const { day } = slotOf(at);
			const key = ticketKey(day, category, district, department);
			let r = rows.get(key);
			if (r === undefined) {
				r = { day, category, district, department, ...zeroTicketCounts() };
				rows.set(key, r);
			}
			return r;
		};
		row(created.at).created += 1;
		if (dispatched !== null) {
			const r = row(dispatched.at);
			r.dispatched += 1;
			if (dispatched.at <= created.at + config.dispatchDeadlineMs[category])
				r.dispatchedOnTime += 1;
			else r.dispatchedLate += 1;
		}
		if (feedback !== null) row(feedback.at)[FEEDBACK_KEY[feedback.outcome]] += 1;
		if (survey !== null) {
			const r = row(survey.at);
			r.surveyed += 1;
			if (survey.responded) r.responded += 1;
			if (survey.resolved) r.resolved += 1;
			if (survey.satisfied) r.satisfied += 1;
		}
		return [...rows.values()];
	}

	return { callContribution, ticketContribution };
}

/**
 * Sums of signed contributions per key: add what an entity contributes now, subtract what it
 * contributed before. `callRows()` / `ticketRows()` give the non-zero deltas.
 */
export class RollupDelta {
	readonly #calls = new Map<string, CallRollupRow>();
	readonly #tickets = new Map<string, TicketRollupRow>();

	addCalls(rows: readonly CallRollupRow[], sign: 1 | -1): void {
		for (const r of rows) {
			const key = callKey(r.day, r.minute, r.queue);
			let t = this.#calls.get(key);
			if (t === undefined) {
				t = { day: r.day, minute: r.minute, queue: r.queue, ...zeroCallCounts() };
				this.#calls.set(key, t);
			}
			for (const k of CALL_COUNT_KEYS) t[k] += sign * r[k];
		}
	}

	addTickets(rows: readonly TicketRollupRow[], sign: 1 | -1): void {
		for (const r of rows) {
			const key = ticketKey(r.day, r.category, r.district, r.department);
			let t = this.#tickets.get(key);
			if (t === undefined) {
				t = {
					day: r.day,
					category: r.category,
					district: r.district,
					department: r.department,
					...zeroTicketCounts()
				};
				this.#tickets.set(key, t);
			}
			for (const k of TICKET_COUNT_KEYS) t[k] += sign * r[k];
		}
	}

	/** Non-zero rows, sorted by key (a fixed order for the upserts: no deadlocks between them). */
	callRows(): CallRollupRow[] {
		return sortedNonZero(this.#calls, CALL_COUNT_KEYS);
	}

	ticketRows(): TicketRollupRow[] {
		return sortedNonZero(this.#tickets, TICKET_COUNT_KEYS);
	}
}

/**
 * Retract-and-reapply for one entity: `events` are all its stored events, `isNew` tells which of
 * them were just inserted. Adds (contribution with them) − (contribution without them).
 */
export function reapply(
	delta: RollupDelta,
	rollup: Rollup,
	kind: 'call' | 'ticket',
	events: readonly WallboardEvent[],
	isNew: (e: WallboardEvent) => boolean
): void {
	const old = events.filter((e) => !isNew(e));
	if (kind === 'call') {
		if (old.length > 0) delta.addCalls(rollup.callContribution(old), -1);
		delta.addCalls(rollup.callContribution(events), 1);
	} else {
		if (old.length > 0) delta.addTickets(rollup.ticketContribution(old), -1);
		delta.addTickets(rollup.ticketContribution(events), 1);
	}
}

function sortedNonZero<T extends Record<K, number>, K extends string>(
	map: Map<string, T>,
	keys: readonly K[]
): T[] {
	return [...map.entries()]
		.filter(([, r]) => keys.some((k) => r[k] !== 0))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, r]) => r);
}
