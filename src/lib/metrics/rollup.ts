/**
 * History rollups: what one call or one ticket adds to the history tables, computed from ALL its
 * stored events (one file, ~360 lines: the row types, the per-entity rows and the signed sums are
 * one data shape). Storage keeps, per key, the sum over entities of their current contribution;
 * when new events of an entity arrive, its contribution before them is retracted and the one
 * after them added (retract-and-reapply, as the live engine does in memory), so the sums never
 * depend on the order or chunking in which events arrived.
 *
 * The rules (which events count, wait, within target, talk time, deadline, on time) are the live
 * engine's, from rules.ts, so today's rollups equal the live snapshot's today figures
 * (rollup-live.property.test.ts). What this file adds is where each count lands: in the slot
 * (calls: 15-minute wall-clock slot, local-slot.ts) or business day (tickets) of its own event
 * time in the configured zone; a ticket's counts all carry its department, the earliest
 * dispatch's ('' while not dispatched). The hourly ticket rows (surge detection, server/surge.ts)
 * count each ticket once, in the local wall-clock hour of its counting `ticket.created`, by its
 * district and topic ('' when the event has none).
 */
import type { Category, FeedbackOutcome, WallboardEvent } from '../contract/events';
import type { MetricsConfig } from './config';
import { AssessmentSums, assessmentRows, type AssessmentRollupRow } from './assessment-rollup';
import { FEEDBACK_COUNT_KEY } from './completion';
import { createLocalSlot } from './local-slot';
import {
	callOutcome,
	callTalk,
	collectCall,
	collectTicket,
	createTargetOf,
	ticketOutcome
} from './rules';

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

/** Tickets created in one local wall-clock hour (0–23) of `day`, by district and topic. */
export type TicketHourlyRow = {
	day: string;
	hour: number;
	district: string;
	/** '' for a ticket whose counting ticket.created has no topic */
	topic: string;
	created: number;
};

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

/** Where a reply counts: the 办结 rule's own map (completion.ts). */
const FEEDBACK_KEY: Record<FeedbackOutcome, keyof TicketCounts> = FEEDBACK_COUNT_KEY;

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

/** Keys never contain NUL: the ingest refuses NUL in every string. */
const SEP = '\u0000';
const callKey = (day: string, minute: number, queue: string) =>
	`${day}${SEP}${minute}${SEP}${queue}`;
const ticketKey = (day: string, category: string, district: string, department: string) =>
	`${day}${SEP}${category}${SEP}${district}${SEP}${department}`;
/** Hours are zero-padded so that the keys sort by time. */
const hourlyKey = (day: string, hour: number, district: string, topic: string) =>
	`${day}${SEP}${String(hour).padStart(2, '0')}${SEP}${district}${SEP}${topic}`;

export interface Rollup {
	/** The rows one call adds (its contribution), from all its events (other types are ignored). */
	callRows(events: readonly WallboardEvent[]): CallRollupRow[];
	/** The rows one ticket adds (its contribution), from all its events (other types are ignored). */
	ticketRows(events: readonly WallboardEvent[]): TicketRollupRow[];
	/** The 接诉即办 assessment rows of one ticket (assessment-rollup.ts). */
	assessmentRows(events: readonly WallboardEvent[]): AssessmentRollupRow[];
	/** The hourly row one ticket adds (none while its ticket.created is unknown). */
	ticketHourlyRows(events: readonly WallboardEvent[]): TicketHourlyRow[];
}

export function createRollup(config: MetricsConfig): Rollup {
	const slotOf = createLocalSlot(config.timezone);
	const targetOf = createTargetOf(config);

	function callRows(events: readonly WallboardEvent[]): CallRollupRow[] {
		const call = collectCall(events);
		const outcome = callOutcome(call, targetOf);
		if (outcome === null) return [];
		const queue = outcome.queue;
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
		row(outcome.offeredAt).offered += 1;
		if (outcome.answeredAt !== null) {
			const r = row(outcome.answeredAt);
			r.answered += 1;
			r.waitMsSum += outcome.waitMs;
			if (outcome.withinTarget) r.answeredWithinTarget += 1;
		}
		if (outcome.abandonedAt !== null) row(outcome.abandonedAt).abandoned += 1;
		const talk = callTalk(call);
		if (talk !== null) {
			const e = row(talk.endedAt);
			e.ended += 1;
			e.talkMsSum += talk.talkMs;
		}
		return [...rows.values()];
	}

	function ticketRows(events: readonly WallboardEvent[]): TicketRollupRow[] {
		const ticket = collectTicket(events);
		// Rows are keyed by day, category, district and department: the ticket's id plays no part.
		const outcome = ticketOutcome('', ticket, config.dispatchDeadlineMs);
		if (outcome === null) return [];
		const { category, district } = outcome;
		const department = outcome.department ?? '';
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
		row(outcome.createdAt).created += 1;
		if (outcome.dispatchedAt !== null) {
			const r = row(outcome.dispatchedAt);
			r.dispatched += 1;
			if (outcome.dispatchedOnTime === true) r.dispatchedOnTime += 1;
			else r.dispatchedLate += 1;
		}
		const { feedback, survey } = ticket;
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

	function ticketHourlyRows(events: readonly WallboardEvent[]): TicketHourlyRow[] {
		const ticket = collectTicket(events);
		const outcome = ticketOutcome('', ticket, config.dispatchDeadlineMs);
		if (outcome === null || ticket.created === null) return [];
		// The topic of the counting ticket.created (rules.ts chose it; this reads its field).
		const createdId = ticket.created.id;
		const created = events.find((e) => e.type === 'ticket.created' && e.id === createdId);
		const topic = (created as { topic?: string } | undefined)?.topic ?? '';
		const { day, minute } = slotOf(outcome.createdAt);
		const hour = Math.floor(minute / 60);
		return [{ day, hour, district: outcome.district, topic, created: 1 }];
	}

	return {
		callRows,
		ticketRows,
		ticketHourlyRows,
		assessmentRows: (events) => assessmentRows(events, (at) => slotOf(at).day)
	};
}

/**
 * Sums of signed contributions per key: add what an entity contributes now, subtract what it
 * contributed before. `callDeltas()` / `ticketDeltas()` give the non-zero sums.
 */
export class RollupDelta {
	readonly #calls = new Map<string, CallRollupRow>();
	readonly #tickets = new Map<string, TicketRollupRow>();
	readonly #assessment = new AssessmentSums();
	readonly #hourly = new Map<string, TicketHourlyRow>();

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

	addAssessment(rows: readonly AssessmentRollupRow[], sign: 1 | -1): void {
		this.#assessment.add(rows, sign);
	}

	addTicketsHourly(rows: readonly TicketHourlyRow[], sign: 1 | -1): void {
		for (const r of rows) {
			const key = hourlyKey(r.day, r.hour, r.district, r.topic);
			let t = this.#hourly.get(key);
			if (t === undefined) {
				t = { day: r.day, hour: r.hour, district: r.district, topic: r.topic, created: 0 };
				this.#hourly.set(key, t);
			}
			t.created += sign * r.created;
		}
	}

	/** Non-zero rows, sorted by key (a fixed order for the upserts: no deadlocks between them). */
	callDeltas(): CallRollupRow[] {
		return sortedNonZero(this.#calls, CALL_COUNT_KEYS);
	}

	ticketDeltas(): TicketRollupRow[] {
		return sortedNonZero(this.#tickets, TICKET_COUNT_KEYS);
	}

	assessmentDeltas(): AssessmentRollupRow[] {
		return this.#assessment.deltas();
	}

	ticketHourlyDeltas(): TicketHourlyRow[] {
		return sortedNonZero(this.#hourly, ['created'] as const);
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
		if (old.length > 0) delta.addCalls(rollup.callRows(old), -1);
		delta.addCalls(rollup.callRows(events), 1);
	} else {
		if (old.length > 0) {
			delta.addTickets(rollup.ticketRows(old), -1);
			delta.addAssessment(rollup.assessmentRows(old), -1);
			delta.addTicketsHourly(rollup.ticketHourlyRows(old), -1);
		}
		delta.addTickets(rollup.ticketRows(events), 1);
		delta.addAssessment(rollup.assessmentRows(events), 1);
		delta.addTicketsHourly(rollup.ticketHourlyRows(events), 1);
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
