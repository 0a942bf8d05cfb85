/**
 * FreeSWITCH mod_callcenter adapter, pure: the headers of one `CUSTOM callcenter::info` event
 * (decoded by esl.ts) become one contract event, or are ignored or rejected with a reason. Header
 * names and values are those mod_callcenter.c writes (tests/fixtures/freeswitch/README.md):
 *
 *   member-queue-start                     → call.offered (queue CC-Queue, or the older CC-Name;
 *                                            caller = CC-Member-CID-Number, PII)
 *   bridge-agent-start                     → call.answered (agentId = CC-Agent)
 *   bridge-agent-end (CC-Agent-Bridged ≠ false), member-queue-end with CC-Cause Terminated
 *                                          → call.ended (both arrive; the engine keeps the earliest)
 *   member-queue-end with CC-Cause Cancel  → call.abandoned, whatever CC-Cancel-Reason (NONE,
 *                                            TIMEOUT, NO_AGENT_TIMEOUT, BREAK_OUT, EXIT_WITH_KEY)
 *   agent-status-change, agent-state-change → agent.state (see below)
 *   member-queue-resume, agent-offering, bridge-agent-fail, members-count, … → ignored
 *
 * callId = CC-Member-UUID (one queue entry; every call action carries it), else
 * CC-Member-Session-UUID (the caller's channel). `at` = Event-Date-Timestamp (µs) / 1000, else the
 * action's own CC-…-Time header (seconds) × 1000. The event id is `fs:` + Core-UUID + `:` +
 * Event-Sequence (unique per FreeSWITCH run, the same when an event is delivered twice), else
 * SHA-256 of the sorted headers.
 *
 * Agents have a status (Logged Out, Available, Available (On Demand), On Break) and, separately, a
 * state (Waiting, Receiving, In a queue call, Idle, Reserved); each event carries only one of
 * them. mod_callcenter sets state Waiting after every call, even when the agent went On Break
 * meanwhile (max-no-answer does exactly that), so a state event alone would put a paused agent
 * back to available. The mapper therefore remembers each agent's latest status and state, in the
 * order the socket delivers them, and maps the pair: Logged Out → offline, On Break → break,
 * otherwise Waiting → available, Receiving / In a queue call / Reserved → busy, Idle (after a call
 * in On Demand mode) → wrapup. An agent first seen through a state event is taken as Available.
 */
import type { AgentState } from '../contract/events';
import { ignored, rejected, validated, type AdapterOptions, type AdapterResult } from './result';
import { sha256Base64url } from './sha256';

type Headers = Record<string, string>;

const STATUSES = ['Logged Out', 'Available', 'Available (On Demand)', 'On Break'] as const;
const STATES = ['Waiting', 'Receiving', 'In a queue call', 'Idle', 'Reserved'] as const;
type Status = (typeof STATUSES)[number];
type State = (typeof STATES)[number];

/** The action's own time header (epoch seconds), used when Event-Date-Timestamp is missing. */
const TIME_HEADER: Record<string, string> = {
	'bridge-agent-start': 'CC-Agent-Answered-Time',
	'bridge-agent-end': 'CC-Bridge-Terminated-Time',
	'member-queue-end': 'CC-Member-Leaving-Time'
};

export type CallcenterMapper = {
	/** Maps one callcenter::info event's headers; remembers agent status and state. */
	map(headers: Headers, options?: AdapterOptions): AdapterResult;
};

export function createCallcenterMapper(): CallcenterMapper {
	const agents = new Map<string, { status: Status; state: State }>();

	return {
		map(headers, options = {}) {
			if (
				headers['Event-Subclass'] !== undefined &&
				headers['Event-Subclass'] !== 'callcenter::info'
			) {
				return ignored(`Event-Subclass ${headers['Event-Subclass']} is not callcenter::info`);
			}
			const action = value(headers, 'CC-Action');
			if (action === undefined) return rejected('CC-Action: missing');
			const id = eventId(headers);
			const at = eventTime(headers, action);
			if (at === undefined) return rejected('at: no Event-Date-Timestamp nor an action time');
			const callId = value(headers, 'CC-Member-UUID') ?? value(headers, 'CC-Member-Session-UUID');
			const agentId = value(headers, 'CC-Agent');

			switch (action) {
				case 'member-queue-start': {
					const queue = value(headers, 'CC-Queue') ?? value(headers, 'CC-Name');
					const caller = value(headers, 'CC-Member-CID-Number');
					const base = { id, at, type: 'call.offered', callId, queue };
					return validated(caller ? { ...base, caller } : base, options);
				}
				case 'bridge-agent-start':
					return validated({ id, at, type: 'call.answered', callId, agentId }, options);
				case 'bridge-agent-end':
					if (headers['CC-Agent-Bridged'] === 'false') {
						return ignored('bridge-agent-end with CC-Agent-Bridged false: no conversation');
					}
					return validated({ id, at, type: 'call.ended', callId }, options);
				case 'member-queue-end': {
					const cause = value(headers, 'CC-Cause');
					if (cause === 'Terminated')
						return validated({ id, at, type: 'call.ended', callId }, options);
					if (cause === 'Cancel')
						return validated({ id, at, type: 'call.abandoned', callId }, options);
					return rejected(`CC-Cause: "${cause ?? ''}" is neither Terminated nor Cancel`);
				}
				case 'agent-status-change':
				case 'agent-state-change': {
					if (agentId === undefined) return rejected('CC-Agent: missing');
					const known = agents.get(agentId) ?? { status: 'Available', state: 'Waiting' };
					const next = { ...known };
					if (action === 'agent-status-change') {
						const status = value(headers, 'CC-Agent-Status');
						if (!isOneOf(STATUSES, status)) {
							return rejected(
								`CC-Agent-Status: "${status ?? ''}" is not one of ${STATUSES.join(', ')}`
							);
						}
						next.status = status;
					} else {
						const state = value(headers, 'CC-Agent-State');
						if (!isOneOf(STATES, state)) {
							return rejected(
								`CC-Agent-State: "${state ?? ''}" is not one of ${STATES.join(', ')}`
							);
						}
						next.state = state;
					}
					const result = validated(
						{ id, at, type: 'agent.state', agentId, state: agentState(next.status, next.state) },
						options
					);
					if (result.kind === 'event') agents.set(agentId, next);
					return result;
				}
				case 'member-queue-resume':
					return ignored('member-queue-resume: the earlier offer and abandon stand');
				default:
					return ignored(`${action} carries nothing for the wallboard`);
			}
		}
	};
}

export function agentState(status: Status, state: State): AgentState {
	if (status === 'Logged Out') return 'offline';
	if (status === 'On Break') return 'break';
	if (state === 'Waiting') return 'available';
	if (state === 'Idle') return 'wrapup';
	return 'busy';
}

/** A header's value; FreeSWITCH serialises an empty value as `_undef_`. */
function value(headers: Headers, name: string): string | undefined {
	const v = headers[name];
	return v === undefined || v === '' || v === '_undef_' ? undefined : v;
}

function isOneOf<T extends string>(list: readonly T[], v: string | undefined): v is T {
	return v !== undefined && (list as readonly string[]).includes(v);
}

function eventId(headers: Headers): string {
	const core = value(headers, 'Core-UUID');
	const seq = value(headers, 'Event-Sequence');
	if (core && seq && /^\d{1,20}$/.test(seq) && core.length <= 64) return `fs:${core}:${seq}`;
	const canonical = Object.keys(headers)
		.sort()
		.map((k) => `${k}: ${headers[k]}`)
		.join('\n');
	return `fs:${sha256Base64url(canonical)}`;
}

function eventTime(headers: Headers, action: string): number | undefined {
	const micro = value(headers, 'Event-Date-Timestamp');
	if (micro !== undefined && /^\d{1,19}$/.test(micro)) return Math.floor(Number(micro) / 1000);
	const name = TIME_HEADER[action];
	const seconds = name === undefined ? undefined : value(headers, name);
	if (seconds !== undefined && /^\d{1,12}$/.test(seconds)) return Number(seconds) * 1000;
	return undefined;
}
