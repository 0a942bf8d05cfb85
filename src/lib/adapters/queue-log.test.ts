/**
 * The queue_log adapter against the fixtures in tests/fixtures/asterisk (lines quoted from the
 * Asterisk docs and book, or written from app_queue.c's format strings), with every expected
 * event worked out by hand; ids are checked against node:crypto's SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../contract/events';
import { parseQueueLog, parseQueueLogLine } from './queue-log';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../tests/fixtures/asterisk/${name}`, import.meta.url), 'utf8');
/** The id the adapter must give a line: `ql:` + SHA-256/base64url of the line as normalised. */
const id = (line: string) => `ql:${createHash('sha256').update(line).digest('base64url')}`;

describe('parseQueueLog: Asterisk: The Definitive Guide sample', () => {
	const text = fixture('book-sample.log');
	const lines = text.split('\n');
	const L = (n: number) => lines[n - 1]!.replace(/\|$/, '');
	const member = 'Local/9990@MemberConnector';

	it('maps every line, RINGNOANSWER ignored', () => {
		expect(parseQueueLog(text)).toEqual({
			events: [
				// prettier-ignore
				{ id: id(L(1)), at: 1292281046000, type: 'call.offered', callId: 'psy1-1292281041.87', queue: '7100', caller: '4165551212' },
				{
					id: id(L(3)),
					at: 1292281048000,
					type: 'call.answered',
					callId: 'psy1-1292281041.87',
					agentId: member
				},
				{ id: id(L(4)), at: 1292284121000, type: 'call.ended', callId: 'psy1-1292281041.87' },
				{
					id: id(L(5)),
					at: 1292284222000,
					type: 'agent.state',
					agentId: member,
					state: 'offline',
					team: '7100'
				},
				{
					id: id(L(6)),
					at: 1292284222000,
					type: 'agent.state',
					agentId: member,
					state: 'offline',
					team: '7200'
				},
				{
					id: id(L(7)),
					at: 1292284491000,
					type: 'agent.state',
					agentId: member,
					state: 'available',
					team: '7100'
				},
				{
					id: id(L(8)),
					at: 1292284491000,
					type: 'agent.state',
					agentId: member,
					state: 'available',
					team: '7200'
				},
				{
					id: id(L(9)),
					at: 1292284519000,
					type: 'call.offered',
					callId: 'psy1-1292284515.93',
					queue: '7100',
					caller: '4165551212'
				},
				{
					id: id(L(11)),
					at: 1292284521000,
					type: 'call.answered',
					callId: 'psy1-1292284515.93',
					agentId: member
				},
				{
					id: id(L(12)),
					at: 1292284552000,
					type: 'agent.state',
					agentId: member,
					state: 'offline',
					team: '7100'
				},
				{
					id: id(L(13)),
					at: 1292284552000,
					type: 'agent.state',
					agentId: member,
					state: 'offline',
					team: '7200'
				}
			],
			ignored: [
				{ line: 2, reason: 'RINGNOANSWER carries nothing for the wallboard' },
				{ line: 10, reason: 'RINGNOANSWER carries nothing for the wallboard' }
			],
			rejected: []
		});
	});
});

describe('parseQueueLog: a tail with CRLF line ends', () => {
	it('reads through the CRs; the ids are those of the lines without them', () => {
		const result = parseQueueLog(fixture('tail-crlf.log'));
		expect(result.events).toEqual([
			{
				id: id('1596510480|CLI|sales|SIP/0004f2040001|ADDMEMBER'),
				at: 1596510480000,
				type: 'agent.state',
				agentId: 'SIP/0004f2040001',
				state: 'available',
				team: 'sales'
			},
			{
				id: id('1596512941|1596512941.163|support|NONE|ENTERQUEUE||7000|1'),
				at: 1596512941000,
				type: 'call.offered',
				callId: '1596512941.163',
				queue: 'support',
				caller: '7000'
			},
			{
				id: id('1596513009|1596512941.163|support|NONE|ABANDON|1|1|68'),
				at: 1596513009000,
				type: 'call.abandoned',
				callId: '1596512941.163'
			},
			{
				id: id('1596513054|1596513054.164|sales|NONE|ENTERQUEUE||7000|1'),
				at: 1596513054000,
				type: 'call.offered',
				callId: '1596513054.164',
				queue: 'sales',
				caller: '7000'
			}
		]);
		expect(result.ignored.map((i) => i.line)).toEqual([1, 2, 7]);
		expect(result.rejected).toEqual([]);
		expect(parseQueueLog(fixture('tail-crlf.log').replaceAll('\r', ''))).toEqual(result);
	});
});

describe('parseQueueLog: Wazo agent callback sample (fractional epochs)', () => {
	it('keeps the millisecond; UNPAUSEALL yields to the per-queue UNPAUSE lines', () => {
		const result = parseQueueLog(fixture('wazo-agent-callback.log'));
		expect(result.events.map(({ id: _id, ...e }) => e)).toEqual([
			{ at: 1341329243896, type: 'agent.state', agentId: 'Agent/3001', state: 'available' },
			{ at: 1341329286249, type: 'agent.state', agentId: 'Agent/3001', state: 'offline' },
			{
				at: 1341329287346,
				type: 'agent.state',
				agentId: 'Agent/3001',
				state: 'available',
				team: 'q1'
			},
			{
				at: 1341329287348,
				type: 'agent.state',
				agentId: 'Agent/3001',
				state: 'available',
				team: 'q2'
			}
		]);
		expect(result.ignored).toEqual([
			{ line: 3, reason: 'UNPAUSEALL carries nothing for the wallboard' },
			{ line: 6, reason: 'JOINEMPTY carries nothing for the wallboard' }
		]);
	});
});

describe('parseQueueLog: app_queue.c formats and broken lines', () => {
	const result = parseQueueLog(fixture('app-queue-formats.log'));
	const pick = result.events.map(({ id: _id, ...e }) => e);

	it('maps each event as the README table says', () => {
		expect(pick).toEqual([
			{
				at: 1700000000000,
				type: 'agent.state',
				agentId: 'PJSIP/1001',
				state: 'break',
				team: '12345'
			},
			{
				at: 1700000001000,
				type: 'agent.state',
				agentId: 'PJSIP/1001',
				state: 'available',
				team: '12345'
			},
			{
				at: 1700000010000,
				type: 'call.offered',
				callId: '1700000010.17',
				queue: '12345',
				caller: '13800138000'
			},
			{ at: 1700000025000, type: 'call.answered', callId: '1700000010.17', agentId: 'PJSIP/1001' },
			{ at: 1700000300000, type: 'call.ended', callId: '1700000010.17' },
			{
				at: 1700000301000,
				type: 'agent.state',
				agentId: 'PJSIP/1001',
				state: 'break',
				team: '12345',
				reason: 'Lunch'
			},
			{
				at: 1700000400000,
				type: 'agent.state',
				agentId: 'PJSIP/1001',
				state: 'break',
				team: '12345',
				reason: 'Training'
			},
			{
				at: 1700000500000,
				type: 'call.offered',
				callId: '1700000490.20',
				queue: '12345',
				caller: '13900139000'
			},
			{ at: 1700000560000, type: 'call.abandoned', callId: '1700000490.20' },
			{
				at: 1700000600000,
				type: 'call.offered',
				callId: '1700000590.21',
				queue: '12345',
				caller: '13700137000'
			},
			{ at: 1700000605000, type: 'call.abandoned', callId: '1700000590.21' },
			{ at: 1700000800000, type: 'call.ended', callId: '1700000790.22' },
			{ at: 1700000900000, type: 'call.ended', callId: '1700000790.22' },
			{ at: 1700001002000, type: 'call.offered', callId: '1700001002.40', queue: '12345' }
		]);
	});

	it('ignores what carries nothing, with the reason', () => {
		expect(result.ignored).toEqual([
			{ line: 2, reason: 'UNPAUSEALL carries nothing for the wallboard' },
			{ line: 8, reason: 'PAUSEALL carries nothing for the wallboard' },
			{ line: 10, reason: 'UNPAUSE Auto-Unpause: log_unpause_on_reason_change, a PAUSE follows' },
			{ line: 16, reason: 'ENTERQUEUE with callid NONE belongs to no caller' },
			{ line: 19, reason: 'RINGINUSE carries nothing for the wallboard' },
			{ line: 20, reason: 'CONFIGRELOAD carries nothing for the wallboard' },
			{ line: 21, reason: 'unknown event SOMETHINGNEW' }
		]);
	});

	it('rejects broken lines by their 1-based line number, naming the problem', () => {
		expect(result.rejected).toEqual([
			{ line: 23, errors: ['epoch: "not-a-number" is not seconds since the epoch'] },
			{ line: 24, errors: ['line: expected epoch|callid|queuename|agent|event|…, got 4 field(s)'] },
			{ line: 25, errors: [expect.stringMatching(/^callId: /)] },
			{ line: 26, errors: ['agent: CONNECT names no agent (NONE)'] }
		]);
	});
});

describe('parseQueueLogLine', () => {
	it.each([
		['', 'line: expected epoch|callid|queuename|agent|event|…, got 1 field(s)'],
		['1700000000|1.1|q|NONE|enterqueue', 'event: "enterqueue" is not a queue_log event name'],
		['-5|1.1|q|NONE|ABANDON', 'epoch: "-5" is not seconds since the epoch'],
		['1700000000|1.1|q|NONE|PAUSE|x', 'agent: PAUSE names no agent']
	])('rejects %j', (line, error) => {
		expect(parseQueueLogLine(line)).toEqual({ kind: 'rejected', errors: [error] });
	});

	it('applies the future rule only when given a clock', () => {
		const line = '1700000000|1.1|q|NONE|ABANDON|1|1|3';
		expect(parseQueueLogLine(line).kind).toBe('event');
		const result = parseQueueLogLine(line, { now: 1700000000000 - 10 * 60_000 });
		expect(result).toEqual({ kind: 'rejected', errors: [expect.stringMatching(/^at: .* ahead/)] });
	});

	it('uses an injected hash for the id', () => {
		const result = parseQueueLogLine('1700000000|1.1|q|NONE|ABANDON|1|1|3|', {
			hash: (l) => `<${l}>`
		});
		expect(result).toMatchObject({ event: { id: 'ql:<1700000000|1.1|q|NONE|ABANDON|1|1|3>' } });
	});

	it('agent.state keeps a pause reason (an extension); other unknown fields are dropped', () => {
		// Any sane instant: the contract refuses `at` before 1990.
		const AT = Date.UTC(2026, 2, 2, 9);
		const raw = {
			id: 'x',
			at: AT,
			type: 'agent.state',
			agentId: 'a',
			state: 'break',
			reason: 'Lunch',
			mood: 'grumpy'
		};
		expect(parseEvent(raw, AT)).toEqual({
			ok: true,
			event: { id: 'x', at: AT, type: 'agent.state', agentId: 'a', state: 'break', reason: 'Lunch' }
		});
	});

	it('cuts a pause reason to the 128 characters the schema allows', () => {
		const result = parseQueueLogLine(`1700000000|NONE|q|SIP/1|PAUSE|${'x'.repeat(200)}`);
		expect(result).toMatchObject({ kind: 'event', event: { reason: 'x'.repeat(128) } });
	});
});

describe('parseQueueLog properties', () => {
	const corpus = [
		'book-sample.log',
		'tail-crlf.log',
		'wazo-agent-callback.log',
		'app-queue-formats.log'
	]
		.flatMap((name) => fixture(name).split('\n'))
		.filter((line) => line.trim() !== '');
	const ids = (lines: string[]) => new Set(parseQueueLog(lines.join('\n')).events.map((e) => e.id));
	const all = ids(corpus);

	it('any permutation with any duplicates gives the same set of event ids', () => {
		fc.assert(
			fc.property(
				fc.shuffledSubarray(corpus, { minLength: corpus.length, maxLength: corpus.length }),
				fc.array(fc.constantFrom(...corpus), { maxLength: 20 }),
				(shuffled, extra) => {
					expect(ids([...shuffled, ...extra])).toEqual(all);
				}
			)
		);
	});

	it('never throws, whatever the line', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (line) => {
				expect(['event', 'ignored', 'rejected']).toContain(parseQueueLogLine(line).kind);
			})
		);
	});
});
