/**
 * The Anonymous Bank rows → queue_log lines, hand-worked on real rows of the file: an AGENT row,
 * a queued HANG, and the two kinds of AGENT row without `ser_start` (answered at `q_exit` when it
 * queued, else at `vru_exit`; no end line), as the import mapping docs/import/anonymous-bank.json.
 */
import { describe, expect, it } from 'vitest';
import { bankCallLines, parseAnonymousBank } from './anonymous-bank';

const HEADER =
	'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
const row = (...f: string[]) => f.join('\t');
// Israel in February 1999 is UTC+2: 990228 18:47:48 local = 1999-02-28T16:47:48Z.
const at = (iso: string) => Date.parse(iso) / 1000;

describe('parseAnonymousBank + bankCallLines', () => {
	it('answered, abandoned, and AGENT rows without ser_start by the import mapping’s rule', () => {
		const tsv = [
			HEADER,
			row(
				'AA0101',
				'34536',
				'0',
				'0',
				'PS',
				'990201',
				'7:02:47',
				'7:02:56',
				'9',
				'0:00:00',
				'0:00:00',
				'0',
				'AGENT',
				'7:02:55',
				'7:05:41',
				'166',
				'DORIT'
			),
			row(
				'AA0101',
				'34539',
				'23317894',
				'2',
				'PS',
				'990201',
				'8:09:16',
				'8:09:22',
				'6',
				'8:09:22',
				'8:09:27',
				'5',
				'HANG',
				'0:00:00',
				'0:00:00',
				'0',
				'NO_SERVER'
			),
			// Queued, answered, no ser_start: answered at q_exit, the same evening (not at midnight).
			row(
				'AA0105',
				'1',
				'0',
				'2',
				'PS',
				'990228',
				'18:47:48',
				'18:47:54',
				'6',
				'18:47:54',
				'18:48:10',
				'16',
				'AGENT',
				'0:00:00',
				'0:00:00',
				'0',
				'ELI'
			),
			// Not queued, no ser_start: answered at vru_exit.
			row(
				'AA0101',
				'35183',
				'0',
				'0',
				'NW',
				'990210',
				'15:14:51',
				'15:15:09',
				'18',
				'0:00:00',
				'0:00:00',
				'0',
				'AGENT',
				'0:00:00',
				'0:00:00',
				'0',
				'MICHAL'
			),
			row(
				'AA0101',
				'9',
				'0',
				'0',
				'PS',
				'990210',
				'15:14:51',
				'15:15:09',
				'18',
				'0:00:00',
				'0:00:00',
				'0',
				'PHANTOM',
				'0:00:00',
				'0:00:00',
				'0',
				'NO_SERVER'
			)
		].join('\r\n');
		const parsed = parseAnonymousBank(tsv);
		expect(parsed.skipped).toBe(1);
		expect(parsed.rejected).toEqual([]);
		expect(parsed.calls.map(bankCallLines)).toEqual([
			[
				`${at('1999-02-01T05:02:56Z')}|ab-AA0101-34536|PS|NONE|ENTERQUEUE|||1`,
				`${at('1999-02-01T05:02:55Z')}|ab-AA0101-34536|PS|DORIT|CONNECT|0||0`,
				`${at('1999-02-01T05:05:41Z')}|ab-AA0101-34536|PS|DORIT|COMPLETECALLER|0|166|1`
			],
			[
				`${at('1999-02-01T06:09:22Z')}|ab-AA0101-34539|PS|NONE|ENTERQUEUE||23317894|1`,
				`${at('1999-02-01T06:09:27Z')}|ab-AA0101-34539|PS|NONE|ABANDON|1|1|5`
			],
			[
				`${at('1999-02-28T16:47:54Z')}|ab-AA0105-1|PS|NONE|ENTERQUEUE|||1`,
				`${at('1999-02-28T16:48:10Z')}|ab-AA0105-1|PS|ELI|CONNECT|16||0`
			],
			[
				`${at('1999-02-10T13:15:09Z')}|ab-AA0101-35183|NW|NONE|ENTERQUEUE|||1`,
				`${at('1999-02-10T13:15:09Z')}|ab-AA0101-35183|NW|MICHAL|CONNECT|0||0`
			]
		]);
		expect(parsed.calls.map((c) => c.endedAt)).toEqual([
			Date.parse('1999-02-01T05:05:41Z'),
			null,
			null,
			null
		]);
	});
});
