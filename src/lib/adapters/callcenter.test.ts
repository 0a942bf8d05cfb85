/**
 * mod_callcenter events (tests/fixtures/freeswitch, decoded by esl.ts) to contract events, with
 * every expected event worked out by hand, and the agent status × state table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentState, createCallcenterMapper } from './callcenter';
import { parseEventPlain } from './esl';

const headers = (name: string) =>
	parseEventPlain(
		readFileSync(new URL(`../../../tests/fixtures/freeswitch/${name}`, import.meta.url), 'utf8')
	).headers;
const CORE = '7f4de4bc-6f8b-11ee-9a0e-3b3b2f7b3c11';
const MEMBER = 'dbd77eea-5eec-4992-a386-d49683aaecef';

describe('createCallcenterMapper: one answered call, one abandoned, agent 1001', () => {
	const mapper = createCallcenterMapper();
	const map = (name: string) => mapper.map(headers(name));

	it.each([
		[
			'member-queue-start.txt',
			// prettier-ignore
			{ id: `fs:${CORE}:9274`, at: 1696995740912, type: 'call.offered', callId: MEMBER, queue: '3000@default', caller: '19083426' }
		],
		[
			'bridge-agent-start.txt',
			{
				id: `fs:${CORE}:9281`,
				at: 1696995745004,
				type: 'call.answered',
				callId: MEMBER,
				agentId: '1001'
			}
		],
		[
			'bridge-agent-end.txt',
			{ id: `fs:${CORE}:9290`, at: 1696995749251, type: 'call.ended', callId: MEMBER }
		],
		[
			'member-queue-end-terminated.txt',
			{ id: `fs:${CORE}:9291`, at: 1696995749262, type: 'call.ended', callId: MEMBER }
		],
		[
			'member-queue-end-cancel.txt',
			// prettier-ignore
			{ id: `fs:${CORE}:9402`, at: 1696995812500, type: 'call.abandoned', callId: '8a4f0c1e-2b7d-4e9a-9c3f-5d6e7f8a9b0c' }
		],
		[
			'agent-status-change.txt',
			{
				id: `fs:${CORE}:9500`,
				at: 1696995900000,
				type: 'agent.state',
				agentId: '1001',
				state: 'break'
			}
		],
		// Waiting after the call, but the agent is On Break: stays break.
		[
			'agent-state-change.txt',
			{
				id: `fs:${CORE}:9501`,
				at: 1696995960000,
				type: 'agent.state',
				agentId: '1001',
				state: 'break'
			}
		],
		[
			'agent-status-available-on-demand.txt',
			// prettier-ignore
			{ id: `fs:${CORE}:9502`, at: 1696996020000, type: 'agent.state', agentId: '1001', state: 'available' }
		]
	])('%s (in this order)', (name, event) => {
		expect(map(name)).toEqual({ kind: 'event', event });
	});

	it('ignores members-count', () => {
		expect(map('members-count.txt')).toEqual({
			kind: 'ignored',
			reason: 'members-count carries nothing for the wallboard'
		});
	});
});

describe('createCallcenterMapper: edge cases', () => {
	const base = {
		'Event-Subclass': 'callcenter::info',
		'Core-UUID': CORE,
		'Event-Sequence': '1',
		'Event-Date-Timestamp': '1696995740912345'
	};

	it('an agent first seen through a state event is taken as Available', () => {
		const result = createCallcenterMapper().map({
			...base,
			'CC-Action': 'agent-state-change',
			'CC-Agent': '1002',
			'CC-Agent-State': 'In a queue call'
		});
		expect(result).toMatchObject({ kind: 'event', event: { agentId: '1002', state: 'busy' } });
	});

	it('falls back to CC-Name for the queue, the session uuid for the call, the action time for at', () => {
		const { 'Event-Date-Timestamp': _t, ...noTimestamp } = base;
		const mapper = createCallcenterMapper();
		expect(
			mapper.map({
				...base,
				'CC-Action': 'member-queue-start',
				'CC-Name': 'support@default',
				'CC-Member-Session-UUID': 's-1',
				'CC-Member-CID-Number': '_undef_'
			})
		).toEqual({
			kind: 'event',
			event: {
				id: `fs:${CORE}:1`,
				at: 1696995740912,
				type: 'call.offered',
				callId: 's-1',
				queue: 'support@default'
			}
		});
		expect(
			mapper.map({
				...noTimestamp,
				'CC-Action': 'member-queue-end',
				'CC-Cause': 'Cancel',
				'CC-Member-UUID': 'm-1',
				'CC-Member-Leaving-Time': '1696995812'
			})
		).toMatchObject({ kind: 'event', event: { at: 1696995812000, type: 'call.abandoned' } });
	});

	it('without Core-UUID and Event-Sequence the id is a hash of the headers, stable under key order', () => {
		const a = {
			'CC-Action': 'member-queue-end',
			'CC-Cause': 'Cancel',
			'CC-Member-UUID': 'm',
			'CC-Member-Leaving-Time': '1772442000' // seconds: 2026-03-02 (the contract refuses before 1990)
		};
		const b = Object.fromEntries(Object.entries(a).reverse());
		const [ra, rb] = [createCallcenterMapper().map(a), createCallcenterMapper().map(b)];
		expect(ra).toMatchObject({
			kind: 'event',
			event: { id: expect.stringMatching(/^fs:[\w-]{43}$/) }
		});
		expect(ra).toEqual(rb);
	});

	it.each([
		[
			{ 'CC-Action': 'member-queue-end', 'CC-Cause': 'Odd', 'CC-Member-UUID': 'm' },
			'CC-Cause: "Odd" is neither Terminated nor Cancel'
		],
		[
			{ 'CC-Action': 'agent-status-change', 'CC-Agent': 'a', 'CC-Agent-Status': 'Busy' },
			'CC-Agent-Status: "Busy" is not one of Logged Out, Available, Available (On Demand), On Break'
		],
		[{ 'CC-Action': 'agent-state-change', 'CC-Agent-State': 'Waiting' }, 'CC-Agent: missing'],
		[{ 'CC-Agent': 'a' }, 'CC-Action: missing']
	])('rejects %j', (extra, error) => {
		expect(createCallcenterMapper().map({ ...base, ...extra })).toEqual({
			kind: 'rejected',
			errors: [error]
		});
	});

	it('rejects a call event without a member uuid through the contract schema', () => {
		const result = createCallcenterMapper().map({
			...base,
			'CC-Action': 'bridge-agent-start',
			'CC-Agent': 'a'
		});
		expect(result).toEqual({ kind: 'rejected', errors: [expect.stringMatching(/^callId: /)] });
	});

	it.each([
		['member-queue-resume', 'member-queue-resume: the earlier offer and abandon stand'],
		['agent-offering', 'agent-offering carries nothing for the wallboard'],
		['bridge-agent-fail', 'bridge-agent-fail carries nothing for the wallboard']
	])('ignores %s', (action, reason) => {
		expect(createCallcenterMapper().map({ ...base, 'CC-Action': action })).toEqual({
			kind: 'ignored',
			reason
		});
	});

	it('ignores a bridge-agent-end that never bridged, and other event subclasses', () => {
		const m = createCallcenterMapper();
		expect(
			m.map({ ...base, 'CC-Action': 'bridge-agent-end', 'CC-Agent-Bridged': 'false' }).kind
		).toBe('ignored');
		expect(
			m.map({ ...base, 'Event-Subclass': 'conference::maintenance', 'CC-Action': 'x' }).kind
		).toBe('ignored');
	});
});

describe('agentState', () => {
	it.each([
		['Logged Out', 'In a queue call', 'offline'],
		['On Break', 'Waiting', 'break'],
		['Available', 'Waiting', 'available'],
		['Available (On Demand)', 'Receiving', 'busy'],
		['Available', 'In a queue call', 'busy'],
		['Available', 'Reserved', 'busy'],
		['Available (On Demand)', 'Idle', 'wrapup']
	] as const)('%s + %s → %s', (status, state, expected) => {
		expect(agentState(status, state)).toBe(expected);
	});
});
