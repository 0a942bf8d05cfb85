/**
 * The restore query: which stored events the live metrics can still need at `now`.
 * Kept apart from the store so the rules sit in one place next to their SQL.
 */
import { sql, type SQL } from 'drizzle-orm';

/** A survey counts for 30 days; one more day covers a business day that started earlier. */
export const SURVEY_SLACK_MS = 86_400_000;

export interface LiveHorizons {
	/** Longest window any live metric looks back (e.g. 24 h, or the business day if longer). */
	liveWindowMs: number;
	/** Survey window (30 days); {@link SURVEY_SLACK_MS} is added. */
	surveyWindowMs: number;
}

/**
 * Selects `payload::text` of the union (each event once, in no particular order) of:
 * 1. every event with at > now − liveWindowMs;
 * 2. `ticket.survey` with at > now − surveyWindowMs − 1 day;
 * 3. the latest `agent.state` of each agent (largest at, then largest id in code-point order),
 *    of any age;
 * 4. `call.offered` of any age for calls with no `call.answered` and no `call.abandoned`;
 * 5. `ticket.created` of any age for tickets with no `ticket.dispatched`;
 * 6. the `call.offered` / `ticket.created` of calls / tickets with any event in (1);
 * 7. `ticket.created` with at > now − surveyWindowMs − 1 day, and of any age for tickets with a
 *    survey in (2): a survey counts for its ticket's district (contract v1.1 §7, byDistrict), also
 *    one that arrives after the restart for a ticket created before it. A `call.callback` is a
 *    `call.%` event, so rule 6 brings the queue of a recently called-back call.
 *
 * Shape: rule 1 is one range scan on events_at_idx; rules 2–6 only look at the rest
 * (at <= now − liveWindowMs), so the union that deduplicates stays small. Agents are listed by
 * a skip scan (one index probe per agent), each agent's latest state by one backward probe;
 * rules 4–7 are anti/semi joins on events_type_entity_at_idx. With one peak day stored
 * (365 k events, all within a 26 h window) PostgreSQL executes it in about 0.3 s.
 * Rules 4 and 5 start from live_open (schema.ts), the calls and tickets that may still be open,
 * so their cost follows what is open, not the history kept; the check against the stored ends
 * stays, since live_open may hold a few closed ones. Rule 7 reads a month of `ticket.created`.
 */
export function liveEventsQuery(now: number, horizons: LiveHorizons): SQL {
	const liveSince = isoMs(now - horizons.liveWindowMs, 'now - liveWindowMs');
	const surveySince = isoMs(
		now - horizons.surveyWindowMs - SURVEY_SLACK_MS,
		'now - surveyWindowMs - 1 day'
	);
	return sql`
		with recursive agents as (
			(select entity from events where type = 'agent.state' order by entity limit 1)
			union all
			select (
				select e.entity from events e
				where e.type = 'agent.state' and e.entity > agents.entity
				order by e.entity limit 1
			)
			from agents where agents.entity is not null
		),
		old as (
			select seq from events
			where type = 'ticket.survey'
				and at > ${surveySince}::timestamptz and at <= ${liveSince}::timestamptz
			union
			select latest.seq from agents
			cross join lateral (
				select seq, at from events
				where type = 'agent.state' and entity = agents.entity
				order by at desc, id collate "C" desc limit 1
			) latest
			where agents.entity is not null and latest.at <= ${liveSince}::timestamptz
			union
			select o.seq from live_open l
			join events o on o.type = 'call.offered' and o.entity = l.entity
			where l.kind = 'call' and o.at <= ${liveSince}::timestamptz
				and not exists (
					select 1 from events x where x.type = 'call.answered' and x.entity = o.entity
				)
				and not exists (
					select 1 from events x where x.type = 'call.abandoned' and x.entity = o.entity
				)
			union
			select c.seq from live_open l
			join events c on c.type = 'ticket.created' and c.entity = l.entity
			where l.kind = 'ticket' and c.at <= ${liveSince}::timestamptz
				and not exists (
					select 1 from events x where x.type = 'ticket.dispatched' and x.entity = c.entity
				)
			union
			select o.seq from events o
			where o.type = 'call.offered' and o.at <= ${liveSince}::timestamptz
				and o.entity in (
					select r.entity from events r
					where r.at > ${liveSince}::timestamptz and r.type like 'call.%'
				)
			union
			select c.seq from events c
			where c.type = 'ticket.created' and c.at <= ${liveSince}::timestamptz
				and c.entity in (
					select r.entity from events r
					where r.at > ${liveSince}::timestamptz and r.type like 'ticket.%'
				)
			union
			select c.seq from events c
			where c.type = 'ticket.created' and c.at <= ${liveSince}::timestamptz
				and (
					c.at > ${surveySince}::timestamptz
					or c.entity in (
						select r.entity from events r
						where r.type = 'ticket.survey' and r.at > ${surveySince}::timestamptz
					)
				)
		)
		select payload::text as payload from events where at > ${liveSince}::timestamptz
		union all
		select payload::text from events where seq in (select seq from old)`;
}

function isoMs(ms: number, what: string): string {
	const date = new Date(ms);
	if (Number.isNaN(date.getTime())) {
		throw new RangeError(`${what} is not a valid time: ${ms}`);
	}
	return date.toISOString();
}
