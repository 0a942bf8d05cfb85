/**
 * Asterisk queue_log adapter (docs/contract.md §8), pure: one line `epoch|callid|queuename|agent|event|
 * data1|data2|…` becomes one contract event, or is ignored (it carries nothing for the wallboard),
 * or is rejected with messages naming the problem. Never throws. Field layouts per event are those
 * app_queue.c writes (see tests/fixtures/asterisk/README.md for the sources):
 *
 *   ENTERQUEUE  url|callerid|position[|callername]        → call.offered, caller = data2 (PII)
 *   CONNECT     holdtime|bridged uniqueid|ringtime        → call.answered, agentId = agent
 *   ABANDON, EXITEMPTY, EXITWITHTIMEOUT  position|origposition|waittime; EXITWITHKEY key|pos|…;
 *   WITHDRAW    position|origposition|waittime|info       → call.abandoned
 *   COMPLETECALLER, COMPLETEAGENT  holdtime|calltime|origposition; TRANSFER, BLINDTRANSFER,
 *   ATTENDEDTRANSFER                                      → call.ended
 *   ADDMEMBER [PAUSED], AGENTLOGIN, AGENTCALLBACKLOGIN, UNPAUSE / REMOVEMEMBER, AGENTLOGOFF,
 *   AGENTCALLBACKLOGOFF / PAUSE reason                    → agent.state available / offline / break
 *
 * Decisions (documented in the README):
 * - `at` = epoch × 1000. Asterisk writes whole seconds (logger.c `%ld`); a fraction (tools that
 *   convert the realtime table's microsecond `time`) is kept to the millisecond.
 * - Event id = `ql:` + SHA-256/base64url of the normalised line (trailing CR, blanks and empty
 *   trailing fields removed), so a line sent or read twice is one event and the id holds no PII.
 * - agentId = the agent field verbatim (Asterisk's member name: `SIP/1001`, `Local/1001@agents/n`,
 *   `Agent/1001`, or a configured name). Stripping the technology could merge distinct members.
 *   One agent in three queues is one agentId, so the hall counts it once; `team` = the queue of a
 *   per-queue line (ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE), absent for queue `NONE`.
 * - ADDMEMBER with data1 `PAUSED` adds a paused member → break, not available.
 * - PAUSEALL / UNPAUSEALL (queue `NONE`) are ignored: app_queue writes them *in addition to* one
 *   PAUSE / UNPAUSE line per queue, which carry the state.
 * - UNPAUSE with data1 `Auto-Unpause` is ignored: with `log_unpause_on_reason_change` app_queue
 *   writes it right before the PAUSE with the new reason, in the same second, and the agent never
 *   becomes available; under the engine's (at, id) order it could otherwise win the tie.
 * - A call event whose callid is a pseudo id (`NONE`, `REALTIME`, `MANAGER`, `CLI`) is ignored.
 * - PAUSE keeps its reason (data1, cut to 128 characters) in agent.state's `reason` extension.
 */
import type { WallboardEvent } from '../contract/events';
import { ignored, rejected, validated, type AdapterOptions, type AdapterResult } from './result';
import { sha256Base64url } from './sha256';

/** A contract event; PAUSE's agent.state carries the pause reason in `reason`. */
export type QueueLogEvent = WallboardEvent;
export type QueueLogLineResult = AdapterResult<QueueLogEvent>;

export type QueueLogParse = {
	events: QueueLogEvent[];
	ignored: Array<{ line: number; reason: string }>;
	rejected: Array<{ line: number; errors: string[] }>;
};

export type QueueLogOptions = AdapterOptions & {
	/** Line → id suffix; defaults to SHA-256/base64url. Inject node:crypto for speed, same ids. */
	hash?: (normalisedLine: string) => string;
};

const ABANDONED = new Set(['ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY', 'WITHDRAW']);
const ENDED = new Set([
	'COMPLETECALLER',
	'COMPLETEAGENT',
	'TRANSFER',
	'BLINDTRANSFER',
	'ATTENDEDTRANSFER'
]);
const AVAILABLE = new Set(['AGENTLOGIN', 'AGENTCALLBACKLOGIN', 'UNPAUSE']);
const OFFLINE = new Set(['REMOVEMEMBER', 'AGENTLOGOFF', 'AGENTCALLBACKLOGOFF']);
/** Events app_queue writes that say nothing about waiting calls or agent states. */
const NOTHING = new Set([
	'QUEUESTART',
	'CONFIGRELOAD',
	'RINGNOANSWER',
	'RINGCANCELED',
	'SYSCOMPAT',
	'AGENTDUMP',
	'JOINEMPTY',
	'JOINUNAVAIL',
	'PENALTY',
	'RINGINUSE',
	'INFO',
	'DID',
	'OUTCALL',
	'PAUSEALL',
	'UNPAUSEALL'
]);
/** callid values app_queue uses for lines that belong to no caller. */
const PSEUDO_CALLIDS = new Set(['NONE', 'REALTIME', 'MANAGER', 'CLI']);
const EPOCH = /^(\d{1,12})(?:\.(\d+))?$/;

/** Trailing CR and blanks, and empty trailing data fields, do not change what a line says. */
export function normaliseQueueLogLine(line: string): string {
	return line.replace(/[\s|]+$/u, '');
}

export function parseQueueLogLine(line: string, options: QueueLogOptions = {}): QueueLogLineResult {
	const normalised = normaliseQueueLogLine(line);
	const fields = normalised.split('|');
	if (fields.length < 5) {
		return rejected(
			`line: expected epoch|callid|queuename|agent|event|…, got ${fields.length} field(s)`
		);
	}
	const [epoch, callid, queue, agent, name, ...data] = fields.map((f) => f.trim()) as [
		string,
		string,
		string,
		string,
		string,
		...string[]
	];
	const match = EPOCH.exec(epoch);
	if (!match) return rejected(`epoch: "${epoch.slice(0, 40)}" is not seconds since the epoch`);
	if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
		return rejected(`event: "${name.slice(0, 40)}" is not a queue_log event name`);
	}
	const at = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0').slice(0, 3));
	const id = `ql:${(options.hash ?? sha256Base64url)(normalised)}`;
	const data1 = data[0] ?? '';

	const isCall =
		name === 'ENTERQUEUE' || name === 'CONNECT' || ABANDONED.has(name) || ENDED.has(name);
	if (isCall && PSEUDO_CALLIDS.has(callid)) {
		return ignored(`${name} with callid ${callid} belongs to no caller`);
	}
	if (name === 'ENTERQUEUE') {
		const caller = data[1] ?? '';
		return validated(
			{ id, at, type: 'call.offered', callId: callid, queue, ...(caller ? { caller } : {}) },
			options
		);
	}
	if (name === 'CONNECT') {
		if (agent === 'NONE') return rejected('agent: CONNECT names no agent (NONE)');
		return validated({ id, at, type: 'call.answered', callId: callid, agentId: agent }, options);
	}
	if (ABANDONED.has(name))
		return validated({ id, at, type: 'call.abandoned', callId: callid }, options);
	if (ENDED.has(name)) return validated({ id, at, type: 'call.ended', callId: callid }, options);

	if (name === 'UNPAUSE' && data1 === 'Auto-Unpause') {
		return ignored('UNPAUSE Auto-Unpause: log_unpause_on_reason_change, a PAUSE follows');
	}
	let state: 'available' | 'offline' | 'break' | null = null;
	if (name === 'ADDMEMBER') state = data1 === 'PAUSED' ? 'break' : 'available';
	else if (name === 'PAUSE') state = 'break';
	else if (AVAILABLE.has(name)) state = 'available';
	else if (OFFLINE.has(name)) state = 'offline';
	if (state !== null) {
		if (agent === 'NONE' || agent === '') return rejected(`agent: ${name} names no agent`);
		const team = queue !== 'NONE' && queue !== '' ? { team: queue } : {};
		const reason = name === 'PAUSE' && data1 !== '' ? { reason: data1.slice(0, 128) } : {};
		return validated(
			{ id, at, type: 'agent.state', agentId: agent, state, ...team, ...reason },
			options
		);
	}
	return ignored(
		NOTHING.has(name) ? `${name} carries nothing for the wallboard` : `unknown event ${name}`
	);
}

/** A queue_log body: blank lines skipped, CRLF tolerated, `line` numbers 1-based in the body. */
export function parseQueueLog(text: string, options: QueueLogOptions = {}): QueueLogParse {
	const out: QueueLogParse = { events: [], ignored: [], rejected: [] };
	text.split('\n').forEach((raw, index) => {
		if (raw.trim() === '') return;
		const line = index + 1;
		const result = parseQueueLogLine(raw, options);
		if (result.kind === 'event') out.events.push(result.event);
		else if (result.kind === 'ignored') out.ignored.push({ line, reason: result.reason });
		else out.rejected.push({ line, errors: result.errors });
	});
	return out;
}
