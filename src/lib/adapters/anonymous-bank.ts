/**
 * The Anonymous Bank call records (../shared/data/anonymous_bank_1999_02.tsv, one row per call,
 * local Israel times) as Asterisk queue_log lines, pure, by the rule of the import mapping
 * docs/import/anonymous-bank.json: a call that reached the queue is offered at `vru_exit`
 * (ENTERQUEUE, queue = the service `type`); AGENT is answered at `ser_start` (CONNECT by `server`),
 * or at `q_exit` then `vru_exit` when `ser_start` is 0:00:00 (50 rows), and ended at `ser_exit`
 * (COMPLETECALLER) unless that is 0:00:00 (no end line); HANG is abandoned at
 * `q_exit` (ABANDON) when it queued. HANG without queueing left in the IVR and
 * PHANTOM rows have no caller: neither was offered, neither gives a line. Times are read in
 * `timezone` (Asia/Jerusalem); a time more than
 * 12 h earlier than `vru_entry` is on the next day (the file has times a second before `vru_entry`).
 */

export type BankCall = {
	callId: string;
	queue: string;
	customer: string;
	offeredAt: number;
	outcome: 'answered' | 'abandoned';
	agent: string;
	/** answered: ser_start, else q_exit, else vru_exit; abandoned: q_exit. */
	resolvedAt: number;
	/** answered: ser_exit unless 0:00:00; else null. */
	endedAt: number | null;
	waitSeconds: number;
	talkSeconds: number;
};

export type BankParse = {
	calls: BankCall[];
	skipped: number;
	rejected: Array<{ line: number; error: string }>;
};

const TIME = /^(\d{1,2}):(\d{2}):(\d{2})$/;
/** The file's "no time" (as `emptyTimes` in the import mapping). */
const EMPTY = '0:00:00';

/** The UTC offset (ms) of `timezone` at `utc`. */
function offsetAt(utc: number, formatter: Intl.DateTimeFormat): number {
	const parts: Record<string, number> = {};
	for (const p of formatter.formatToParts(utc))
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	const asUtc = Date.UTC(
		parts.year!,
		parts.month! - 1,
		parts.day!,
		parts.hour! % 24,
		parts.minute!,
		parts.second!
	);
	return asUtc - Math.floor(utc / 1000) * 1000;
}

/** Epoch ms of a local wall-clock time in the formatter's zone (the earlier one in a fold). */
function localToEpoch(
	y: number,
	m: number,
	d: number,
	seconds: number,
	f: Intl.DateTimeFormat
): number {
	const wall = Date.UTC(y, m - 1, d) + seconds * 1000;
	const first = wall - offsetAt(wall, f);
	return wall - offsetAt(first, f);
}

export function parseAnonymousBank(tsv: string, timezone = 'Asia/Jerusalem'): BankParse {
	const formatter = new Intl.DateTimeFormat('en-US', {
		timeZone: timezone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	});
	const lines = tsv.split('\n');
	const header = lines[0]!.replace(/\r$/, '').split('\t');
	const col = (name: string) => {
		const i = header.indexOf(name);
		if (i < 0) throw new Error(`anonymous bank: no column "${name}" in the header`);
		return i;
	};
	const c = Object.fromEntries(
		[
			'vru+line',
			'call_id',
			'customer_id',
			'type',
			'date',
			'vru_entry',
			'vru_exit',
			'q_start',
			'q_exit',
			'q_time',
			'outcome',
			'ser_start',
			'ser_exit',
			'ser_time',
			'server'
		].map((n) => [n, col(n)])
	) as Record<string, number>;
	const out: BankParse = { calls: [], skipped: 0, rejected: [] };
	for (let i = 1; i < lines.length; i++) {
		const raw = lines[i]!.replace(/\r$/, '');
		if (raw.trim() === '') continue;
		const f = raw.split('\t');
		const get = (n: string) => (f[c[n]!] ?? '').trim();
		const date = /^(\d{2})(\d{2})(\d{2})$/.exec(get('date'));
		if (!date) {
			out.rejected.push({ line: i + 1, error: `date: "${get('date')}" is not YYMMDD` });
			continue;
		}
		const [y, m, d] = [1900 + Number(date[1]), Number(date[2]), Number(date[3])];
		const entry = secondsOf(get('vru_entry'));
		const at = (name: string): number | null => {
			if (get(name) === EMPTY) return null;
			const s = secondsOf(get(name));
			if (s === null || entry === null) return null;
			return localToEpoch(y, m, d, s < entry - 43_200 ? s + 86_400 : s, formatter);
		};
		const outcome = get('outcome');
		const queued = get('q_start') !== EMPTY;
		if (outcome === 'PHANTOM' || (outcome === 'HANG' && !queued)) {
			out.skipped++;
			continue;
		}
		const offeredAt = at('vru_exit');
		const answered = outcome === 'AGENT';
		const resolvedAt = answered ? (at('ser_start') ?? at('q_exit') ?? offeredAt) : at('q_exit');
		const endedAt = answered ? at('ser_exit') : null;
		if (offeredAt === null || resolvedAt === null || (outcome !== 'AGENT' && outcome !== 'HANG')) {
			out.rejected.push({ line: i + 1, error: `a time or the outcome "${outcome}" does not read` });
			continue;
		}
		out.calls.push({
			// call_id repeats across IVR lines in this file (15 046 distinct of 31 125): with vru+line.
			callId: `ab-${get('vru+line')}-${get('call_id')}`,
			queue: get('type'),
			customer: get('customer_id') === '0' ? '' : get('customer_id'),
			offeredAt,
			outcome: answered ? 'answered' : 'abandoned',
			agent: get('server'),
			resolvedAt,
			endedAt,
			waitSeconds: Number(get('q_time')) || 0,
			talkSeconds: Number(get('ser_time')) || 0
		});
	}
	return out;
}

function secondsOf(s: string): number | null {
	const m = TIME.exec(s);
	return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

/** One call's queue_log lines, in the order Asterisk writes them. */
export function bankCallLines(call: BankCall): string[] {
	const t = (ms: number) => String(ms / 1000);
	const lines = [
		`${t(call.offeredAt)}|${call.callId}|${call.queue}|NONE|ENTERQUEUE||${call.customer}|1`
	];
	if (call.outcome === 'answered') {
		lines.push(
			`${t(call.resolvedAt)}|${call.callId}|${call.queue}|${call.agent}|CONNECT|${call.waitSeconds}||0`
		);
		if (call.endedAt !== null)
			lines.push(
				`${t(call.endedAt)}|${call.callId}|${call.queue}|${call.agent}|COMPLETECALLER|${call.waitSeconds}|${call.talkSeconds}|1`
			);
	} else {
		lines.push(
			`${t(call.resolvedAt)}|${call.callId}|${call.queue}|NONE|ABANDON|1|1|${call.waitSeconds}`
		);
	}
	return lines;
}
