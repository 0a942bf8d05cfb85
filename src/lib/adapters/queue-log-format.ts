/**
 * Contract events written as Asterisk queue_log lines (the inverse of queue-log.ts, pure), so
 * the simulator can feed the adapter path (SIMULATE_FORMAT=queue-log) and converters can write
 * files. Only what queue_log can say: calls, and agents' available / break / offline (UNPAUSE,
 * PAUSE with its reason, REMOVEMEMBER); `busy`, `wrapup` and tickets have no queue_log line
 * (null). The epoch keeps milliseconds as a fraction (`1700000000.250`), which the adapter reads.
 */
import type { WallboardEvent } from '../contract/events';

const clean = (s: string) => s.replace(/[|\r\n]/g, ' ');
const epochOf = (at: number) =>
	at % 1000 === 0
		? String(at / 1000)
		: `${Math.floor(at / 1000)}.${String(at % 1000).padStart(3, '0')}`;

export function toQueueLogLine(event: WallboardEvent): string | null {
	const t = epochOf(event.at);
	switch (event.type) {
		case 'call.offered':
			return `${t}|${clean(event.callId)}|${clean(event.queue)}|NONE|ENTERQUEUE||${clean(event.caller ?? '')}|1`;
		case 'call.answered':
			return `${t}|${clean(event.callId)}|NONE|${clean(event.agentId)}|CONNECT|0||0`;
		case 'call.abandoned':
			return `${t}|${clean(event.callId)}|NONE|NONE|ABANDON|1|1|0`;
		case 'call.ended':
			return `${t}|${clean(event.callId)}|NONE|NONE|COMPLETECALLER|0|0|1`;
		case 'agent.state': {
			const queue = clean(event.team ?? 'NONE');
			const agent = clean(event.agentId);
			if (event.state === 'available') return `${t}|NONE|${queue}|${agent}|UNPAUSE|`;
			if (event.state === 'offline') return `${t}|NONE|${queue}|${agent}|REMOVEMEMBER|`;
			if (event.state === 'break') {
				return `${t}|NONE|${queue}|${agent}|PAUSE|${clean(event.reason ?? '')}`;
			}
			return null;
		}
		default:
			return null;
	}
}
