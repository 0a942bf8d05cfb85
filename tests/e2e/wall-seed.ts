/**
 * Two hours of a plausible hall for the wall's screenshots, relative to `now`: calls every
 * minute in four queues (most answered within 15 s, some later, some abandoned, a few still
 * waiting), agents in every state, and tickets pending, overdue and dispatched. Deterministic for
 * a given `now` (a small LCG, no Math.random), with PII in every field that may carry it, so the
 * page and its socket traffic can be checked for leaks.
 */
import type { WallboardEvent } from '../../src/lib/contract/events';
import { ev } from '../fixtures/events';

export const SEED_PII = {
	caller: '13912345678',
	callerName: '张伟明',
	callerPhone: '13687654321',
	summary: '楼上漏水严重请尽快处理'
};

const QUEUES = ['general', 'enterprise', 'elderly', 'foreign'] as const;
const KINDS = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
const DISTRICTS = ['朝阳区', '海淀区', '丰台区', '西城区', '东城区', '通州区', '昌平区'];
const MINUTE = 60_000;

export function hallEvents(now: number, prefix: string): WallboardEvent[] {
	let seed = 12345;
	const rand = () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
	const events: WallboardEvent[] = [];
	let n = 0;
	const id = () => `${prefix}-${n++}`;
	const start = now - 119 * MINUTE - (now % MINUTE);

	for (let m = 0; m < 120; m++) {
		const calls = 14 + Math.round(10 * Math.sin(m / 19) + rand() * 6);
		for (let c = 0; c < calls; c++) {
			const callId = `${prefix}-c${m}-${c}`;
			const offered = start + m * MINUTE + Math.floor(rand() * 50_000);
			const queue = QUEUES[Math.floor(rand() * rand() * QUEUES.length)] as string;
			if (offered > now - 2000) continue;
			events.push({ ...ev.offered(id(), callId, queue, offered), caller: SEED_PII.caller });
			const roll = rand();
			const wait = roll < 0.8 ? 3_000 + rand() * 11_000 : 16_000 + rand() * 60_000;
			if (roll > 0.95) {
				if (offered + wait < now) events.push(ev.abandoned(id(), callId, offered + wait));
			} else if (offered + wait < now) {
				events.push(ev.answered(id(), callId, offered + wait));
			}
		}
	}

	const states = ['available', 'busy', 'busy', 'busy', 'wrapup', 'break', 'offline'] as const;
	for (let a = 0; a < 140; a++) {
		const state = states[Math.floor(rand() * states.length)] ?? 'busy';
		events.push({
			...ev.agent(id(), `${prefix}-a${a}`, state, now - 30 * MINUTE),
			name: '李娜'
		} as WallboardEvent);
	}

	const categories = [
		['emergency', 6, 50 * MINUTE],
		['livelihood', 24, 150 * MINUTE],
		['general', 120, 20 * 3600_000]
	] as const;
	for (const [category, count, spread] of categories) {
		for (let t = 0; t < count; t++) {
			const ticketId = `${prefix}-t-${category}-${t}`;
			// Emergencies: one created 70 min ago (overdue by 10 min), the rest within the hour.
			const age = category === 'emergency' && t === 0 ? 70 * MINUTE : Math.floor(rand() * spread);
			events.push(
				ev.created(id(), ticketId, category, now - age, {
					kind: KINDS[Math.floor(rand() * KINDS.length)],
					district: DISTRICTS[Math.floor(rand() * DISTRICTS.length)],
					...SEED_PII
				})
			);
			const overdueEmergency = category === 'emergency' && t === 0;
			if (!overdueEmergency && rand() < 0.3)
				events.push(ev.dispatched(id(), ticketId, now - Math.floor(age / 2)));
		}
	}
	return events;
}
