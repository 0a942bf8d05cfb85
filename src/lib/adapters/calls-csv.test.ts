/**
 * The calls-csv mapping on hand-made rows: the shipped Anonymous Bank mapping (Israel, UTC+2 in
 * February 1999) and a comma-separated export with ISO times. Every expected event is written out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	callsCsvMappingSchema,
	createCallsCsvConverter,
	splitRow,
	type CallsCsvMapping
} from './calls-csv';

const bankMapping = callsCsvMappingSchema.parse(
	JSON.parse(
		readFileSync(new URL('../../../docs/import/anonymous-bank.json', import.meta.url), 'utf8')
	)
);
const BANK_HEADER =
	'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
const bank = createCallsCsvConverter(bankMapping, splitRow(BANK_HEADER, '\t'));
const row = (line: string) => bank(splitRow(`${line.replaceAll(' ', '\t')}\r`, '\t'));
const ms = (iso: string) => Date.parse(iso);
const P = 'anonymous-bank:';

describe('Anonymous Bank mapping', () => {
	it('AGENT without queueing: offered at vru_exit, answered at ser_start, ended at ser_exit', () => {
		expect(
			row(
				'AA0101 34536 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT'
			)
		).toEqual({
			kind: 'events',
			events: [
				{
					id: `${P}AA0101/34536:offered`,
					at: ms('1999-02-01T05:02:56Z'),
					type: 'call.offered',
					callId: 'AA0101/34536',
					queue: 'PS'
				},
				{
					id: `${P}AA0101/34536:answered`,
					at: ms('1999-02-01T05:02:55Z'),
					type: 'call.answered',
					callId: 'AA0101/34536',
					agentId: 'DORIT'
				},
				{
					id: `${P}AA0101/34536:ended`,
					at: ms('1999-02-01T05:05:41Z'),
					type: 'call.ended',
					callId: 'AA0101/34536'
				}
			]
		});
	});

	it('HANG after queueing: abandoned at q_exit', () => {
		expect(
			row(
				'AA0101 34539 23317894 2 NW 990201 8:09:16 8:09:22 6 8:09:22 8:09:27 5 HANG 0:00:00 0:00:00 0 NO_SERVER'
			)
		).toEqual({
			kind: 'events',
			events: [
				{
					id: `${P}AA0101/34539:offered`,
					at: ms('1999-02-01T06:09:22Z'),
					type: 'call.offered',
					callId: 'AA0101/34539',
					queue: 'NW'
				},
				{
					id: `${P}AA0101/34539:abandoned`,
					at: ms('1999-02-01T06:09:27Z'),
					type: 'call.abandoned',
					callId: 'AA0101/34539'
				}
			]
		});
	});

	it('HANG that never queued left in the IVR, PHANTOM is no caller: both skipped', () => {
		expect(
			row(
				'AA0110 30725 0 0 NW 990228 0:26:32 0:27:20 48 0:00:00 0:00:00 0 HANG 0:00:00 0:00:00 0 NO_SERVER'
			)
		).toEqual({
			kind: 'skipped',
			reason: 'outcome HANG without queueing (q_start empty): never reached the queue'
		});
		expect(
			row(
				'AA0101 40001 0 0 PS 990203 9:00:00 9:00:05 5 9:00:05 9:00:30 25 PHANTOM 0:00:00 0:00:00 0 NO_SERVER'
			)
		).toEqual({ kind: 'skipped', reason: 'outcome PHANTOM is skipped by the mapping' });
	});

	it('a call across midnight: times more than 12 h before vru_entry are on the next day', () => {
		expect(
			row(
				'AA0104 22869 24309866 2 PS 990208 23:51:29 23:51:34 5 23:51:34 23:52:21 47 AGENT 23:52:20 0:00:55 515 AVNI'
			)
		).toEqual({
			kind: 'events',
			events: [
				{
					id: `${P}AA0104/22869:offered`,
					at: ms('1999-02-08T21:51:34Z'),
					type: 'call.offered',
					callId: 'AA0104/22869',
					queue: 'PS'
				},
				{
					id: `${P}AA0104/22869:answered`,
					at: ms('1999-02-08T21:52:20Z'),
					type: 'call.answered',
					callId: 'AA0104/22869',
					agentId: 'AVNI'
				},
				{
					id: `${P}AA0104/22869:ended`,
					at: ms('1999-02-08T22:00:55Z'),
					type: 'call.ended',
					callId: 'AA0104/22869'
				}
			]
		});
	});

	it('AGENT with no ser_start: answered when it left the queue; no end time, no call.ended', () => {
		expect(
			row(
				'AA0101 34648 24442634 2 PS 990202 13:44:47 13:44:53 6 13:44:53 13:45:06 13 AGENT 0:00:00 0:00:00 0 YIFAT'
			)
		).toEqual({
			kind: 'events',
			events: [
				{
					id: `${P}AA0101/34648:offered`,
					at: ms('1999-02-02T11:44:53Z'),
					type: 'call.offered',
					callId: 'AA0101/34648',
					queue: 'PS'
				},
				{
					id: `${P}AA0101/34648:answered`,
					at: ms('1999-02-02T11:45:06Z'),
					type: 'call.answered',
					callId: 'AA0101/34648',
					agentId: 'YIFAT'
				}
			]
		});
	});

	it('rejects an outcome the mapping does not list, a bad date and a bad time, naming them', () => {
		expect(
			row(
				'AA0101 1 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 0 TRANSFER 7:02:55 7:05:41 166 DORIT'
			)
		).toEqual({ kind: 'rejected', errors: ['outcome: outcome "TRANSFER" is not in the mapping'] });
		expect(
			row(
				'AA0101 2 0 0 PS 990230 7:02:47 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT'
			)
		).toEqual({ kind: 'rejected', errors: ['date: "990230" is not a YYMMDD date'] });
		expect(
			row(
				'AA0101 3 0 0 PS 990201 7:02:47 7:62:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT'
			)
		).toEqual({ kind: 'rejected', errors: ['vru_exit: "7:62:56" is not a H:mm:ss offered time'] });
	});

	it('refuses a mapping whose columns the header lacks', () => {
		expect(() => createCallsCsvConverter(bankMapping, ['call_id', 'type'])).toThrow(
			/mapping names column\(s\) "vru\+line", "outcome", "server", "date", "vru_entry", "q_start", "vru_exit"/
		);
	});
});

describe('a comma-separated export with ISO local times', () => {
	const mapping: CallsCsvMapping = callsCsvMappingSchema.parse({
		idPrefix: 'acd:',
		callId: 'id',
		queue: 'queue',
		timeZone: 'Asia/Shanghai',
		timeFormat: 'YYYY-MM-DD HH:mm:ss',
		times: { offered: 'start', answered: 'answer', abandoned: 'end', ended: 'end' },
		outcome: { column: 'result', answered: ['answered'], abandoned: ['abandoned'] }
	});
	const convert = createCallsCsvConverter(
		mapping,
		splitRow('id,queue,result,start,answer,end', ',')
	);

	it('reads quoted fields, answers without an agent column get agentDefault', () => {
		expect(
			convert(
				splitRow(
					'"c,1",general,answered,2026-03-02 08:00:00,2026-03-02 08:00:10,2026-03-02 08:05:00',
					','
				)
			)
		).toEqual({
			kind: 'events',
			events: [
				{
					id: 'acd:c,1:offered',
					at: ms('2026-03-02T00:00:00Z'),
					type: 'call.offered',
					callId: 'c,1',
					queue: 'general'
				},
				{
					id: 'acd:c,1:answered',
					at: ms('2026-03-02T00:00:10Z'),
					type: 'call.answered',
					callId: 'c,1',
					agentId: 'unknown'
				},
				{ id: 'acd:c,1:ended', at: ms('2026-03-02T00:05:00Z'), type: 'call.ended', callId: 'c,1' }
			]
		});
	});

	it('an explicit offset wins over the zone; an abandoned call without its time is rejected', () => {
		expect(
			convert(splitRow('c2,elderly,abandoned,2026-03-02T08:01:00+08:00,,2026-03-02T01:01:30Z', ','))
		).toEqual({
			kind: 'events',
			events: [
				{
					id: 'acd:c2:offered',
					at: ms('2026-03-02T00:01:00Z'),
					type: 'call.offered',
					callId: 'c2',
					queue: 'elderly'
				},
				{
					id: 'acd:c2:abandoned',
					at: ms('2026-03-02T01:01:30Z'),
					type: 'call.abandoned',
					callId: 'c2'
				}
			]
		});
		expect(convert(splitRow('c3,elderly,abandoned,2026-03-02 08:01:00,,', ','))).toEqual({
			kind: 'rejected',
			errors: ['abandoned: no time (end)']
		});
	});

	it('splitRow: "" is a quote, CR is dropped, empty fields stay', () => {
		expect(splitRow('a,"say ""hi""",,b\r', ',')).toEqual(['a', 'say "hi"', '', 'b']);
	});
});
