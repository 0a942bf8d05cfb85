import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../contract/events';
import { parseQueueLogLine } from './queue-log';
import { toQueueLogLine } from './queue-log-format';

/** Names as a hall's ACD writes them: no `|`, no line breaks, no surrounding blanks. */
const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,16}$/).filter((s) => s !== 'NONE');
const at = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) });
const caller = fc.stringMatching(/^1[3-9][0-9]{9}$/);

const event: fc.Arbitrary<WallboardEvent> = fc.oneof(
	fc
		.record({ at, callId: name, queue: name, caller }, { requiredKeys: ['at', 'callId', 'queue'] })
		.map((e) => ({ id: 'x', type: 'call.offered' as const, ...e })),
	fc
		.record({ at, callId: name, agentId: name })
		.map((e) => ({ id: 'x', type: 'call.answered' as const, ...e })),
	fc.record({ at, callId: name }).map((e) => ({ id: 'x', type: 'call.abandoned' as const, ...e })),
	fc.record({ at, callId: name }).map((e) => ({ id: 'x', type: 'call.ended' as const, ...e })),
	fc
		.record(
			{
				at,
				agentId: name,
				state: fc.constantFrom('available' as const, 'offline' as const),
				team: name
			},
			{ requiredKeys: ['at', 'agentId', 'state'] }
		)
		.map((e) => ({ id: 'x', type: 'agent.state' as const, ...e })),
	fc
		.record(
			{
				at,
				agentId: name,
				team: name,
				reason: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z]$/)
			},
			{ requiredKeys: ['at', 'agentId'] }
		)
		.map((e) => ({ id: 'x', type: 'agent.state' as const, state: 'break' as const, ...e }))
);

describe('toQueueLogLine (SIMULATE_FORMAT=queue-log)', () => {
	it('writes lines the adapter reads back as the same event (all but the content-derived id)', () => {
		fc.assert(
			fc.property(event, (e) => {
				const line = toQueueLogLine(e);
				expect(line).not.toBeNull();
				const back = parseQueueLogLine(line!);
				expect(back.kind).toBe('event');
				if (back.kind !== 'event') return;
				const { id, ...rest } = back.event;
				expect(id).toMatch(/^ql:/);
				const { id: _ignored, ...expected } = e;
				void _ignored;
				expect(rest).toEqual(expected);
			}),
			{ numRuns: 2000 }
		);
	});

	it('keeps milliseconds as a fraction of the epoch', () => {
		const e: WallboardEvent = {
			id: 'x',
			type: 'call.abandoned',
			at: 1_700_000_000_250,
			callId: 'c1'
		};
		expect(toQueueLogLine(e)).toBe('1700000000.250|c1|NONE|NONE|ABANDON|1|1|0');
		expect(toQueueLogLine({ ...e, at: 1_700_000_000_000 })).toBe(
			'1700000000|c1|NONE|NONE|ABANDON|1|1|0'
		);
	});

	it('writes nothing for what queue_log cannot say (busy, wrap-up, tickets)', () => {
		const at = 1_700_000_000_000;
		expect(
			toQueueLogLine({ id: 'x', type: 'agent.state', at, agentId: 'a1', state: 'busy' })
		).toBeNull();
		expect(
			toQueueLogLine({ id: 'x', type: 'agent.state', at, agentId: 'a1', state: 'wrapup' })
		).toBeNull();
		expect(
			toQueueLogLine({
				id: 'x',
				type: 'ticket.dispatched',
				at,
				ticketId: 't1',
				department: 'd'
			} as WallboardEvent)
		).toBeNull();
	});

	it('keeps a name with the field separator or a line break on one line', () => {
		const line = toQueueLogLine({
			id: 'x',
			type: 'call.offered',
			at: 1_700_000_000_000,
			callId: 'c|1',
			queue: 'q\n2'
		});
		expect(line).toBe('1700000000|c 1|q 2|NONE|ENTERQUEUE|||1');
		expect(line!.split('|')).toHaveLength(8);
	});
});
