/**
 * ESL framing: the wire start of an inbound session (auth, replies), event-plain bodies from
 * tests/fixtures/freeswitch framed as mod_event_socket frames them, byte counts with multi-byte
 * UTF-8, and the property that any split of the same bytes yields the same messages.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEslParser, EslFramingError, parseEventPlain, urlDecode } from './esl';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../tests/fixtures/freeswitch/${name}`, import.meta.url), 'utf8');
/** As mod_event_socket.c writes an event: Content-Length in bytes, then the type, blank line. */
const frame = (body: string) =>
	`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;

describe('createEslParser', () => {
	it('reads the replies of an inbound session, which have no body', () => {
		const parser = createEslParser();
		expect(parser.push(fixture('wire-start.txt'))).toEqual([
			{ headers: { 'Content-Type': 'auth/request' } },
			{ headers: { 'Content-Type': 'command/reply', 'Reply-Text': '+OK accepted' } },
			{
				headers: {
					'Content-Type': 'command/reply',
					'Reply-Text': '+OK event listener enabled plain'
				}
			}
		]);
		expect(parser.pending).toBe(0);
	});

	it('decodes an event-plain body: URL-encoded values, UTF-8 across %XX bytes, _undef_ kept', () => {
		const body = fixture('member-queue-end-cancel.txt');
		const [message] = createEslParser().push(frame(body));
		expect(message!.headers).toEqual({
			'Content-Length': '675',
			'Content-Type': 'text/event-plain'
		});
		expect(message!.body).toBe(body);
		expect(message!.event).toEqual({
			headers: {
				'Event-Name': 'CUSTOM',
				'Core-UUID': '7f4de4bc-6f8b-11ee-9a0e-3b3b2f7b3c11',
				'FreeSWITCH-Hostname': 'blueivr',
				'FreeSWITCH-Switchname': 'blueivr',
				'FreeSWITCH-IPv4': '192.168.0.2',
				'Event-Date-Local': '2023-10-11 03:43:32',
				'Event-Date-Timestamp': '1696995812500000',
				'Event-Calling-File': 'mod_callcenter.c',
				'Event-Sequence': '9402',
				'Event-Subclass': 'callcenter::info',
				'CC-Queue': '3000@default',
				'CC-Action': 'member-queue-end',
				'CC-Member-Leaving-Time': '1696995812',
				'CC-Member-Joined-Time': '1696995790',
				'CC-Cause': 'Cancel',
				'CC-Cancel-Reason': 'BREAK_OUT',
				'CC-Member-UUID': '8a4f0c1e-2b7d-4e9a-9c3f-5d6e7f8a9b0c',
				'CC-Member-Session-UUID': '0e1d2c3b-4a59-4687-a5b4-c3d2e1f00112',
				'CC-Member-CID-Name': '_undef_',
				'CC-Member-CID-Number': '19083427'
			}
		});
	});

	it('counts Content-Length in bytes, not characters', () => {
		// "张三" is 2 characters, 6 UTF-8 bytes; a BACKGROUND_JOB-like event with its own body.
		const body =
			'Event-Name: BACKGROUND_JOB\nCaller: %E5%BC%A0%E4%B8%89\nContent-Length: 10\n\n+OK 张三';
		const wire = `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}Content-Type: command/reply\nReply-Text: +OK\n\n`;
		expect(Buffer.byteLength(body)).toBe(body.length + 4);
		const messages = createEslParser().push(wire);
		expect(messages).toHaveLength(2);
		expect(messages[0]!.event).toEqual({
			headers: { 'Event-Name': 'BACKGROUND_JOB', Caller: '张三', 'Content-Length': '10' },
			body: '+OK 张三'
		});
		expect(messages[1]!.headers).toEqual({ 'Content-Type': 'command/reply', 'Reply-Text': '+OK' });
	});

	it('holds an incomplete message until the rest arrives', () => {
		const parser = createEslParser();
		const wire = frame(fixture('agent-state-change.txt'));
		expect(parser.push(wire.slice(0, 60))).toEqual([]);
		// The outer header block is 52 bytes ("Content-Length: 404\n" + type line + blank line):
		// it is read; the 8 body bytes that follow it are held.
		expect(wire.indexOf('\n\n') + 2).toBe(52);
		expect(parser.pending).toBe(8);
		expect(parser.push(wire.slice(60))).toHaveLength(1);
		expect(parser.pending).toBe(0);
	});

	it('tolerates CRLF line ends in the outer headers', () => {
		const [message] = createEslParser().push(
			'Content-Type: api/response\r\nContent-Length: 3\r\n\r\n+OK'
		);
		expect(message).toEqual({
			headers: { 'Content-Type': 'api/response', 'Content-Length': '3' },
			body: '+OK'
		});
	});

	it.each(['-1', 'abc', '99999999999'])('throws EslFramingError for Content-Length %j', (n) => {
		expect(() => createEslParser().push(`Content-Length: ${n}\n\n`)).toThrow(EslFramingError);
	});

	it('any split of the same byte stream yields the same messages', () => {
		const names = ['member-queue-start.txt', 'bridge-agent-start.txt', 'agent-status-change.txt'];
		const wire = Buffer.from(
			fixture('wire-start.txt') + names.map((n) => frame(fixture(n))).join('')
		);
		const whole = createEslParser().push(wire);
		expect(whole).toHaveLength(6);
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 1, max: wire.length - 1 }), { maxLength: 40 }),
				(cuts) => {
					const parser = createEslParser();
					const bounds = [0, ...cuts.sort((a, b) => a - b), wire.length];
					const got = bounds
						.slice(1)
						.flatMap((end, i) => parser.push(new Uint8Array(wire.subarray(bounds[i], end))));
					expect(got).toEqual(whole);
					expect(parser.pending).toBe(0);
				}
			)
		);
	});
});

describe('urlDecode and parseEventPlain', () => {
	it.each([
		['3000%40default', '3000@default'],
		['a+b', 'a+b'],
		['100%', '100%'],
		['%zz%41', '%zzA'],
		['%E5%BC%A0', '张'],
		['😀%20x', '😀 x']
	])('%j → %j', (raw, decoded) => expect(urlDecode(raw)).toBe(decoded));

	it('reads a body given as a string', () => {
		expect(parseEventPlain('A: 1%3A2\nB: x\n\n')).toEqual({ headers: { A: '1:2', B: 'x' } });
	});
});
