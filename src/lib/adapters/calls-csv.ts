/**
 * Call-detail exports (one row per call, CSV or TSV with a header line) → contract call events,
 * pure. A column mapping (JSON, {@link callsCsvMappingSchema}) says which column is the call id,
 * the queue, the outcome and each time; docs/import/anonymous-bank.json is the worked example.
 *
 * Per row: `call.offered` at the offered time; then, by outcome, `call.answered` (+ `call.ended`
 * when an ended time is present) or `call.abandoned`; a skipped outcome, or an abandoned call
 * that never queued (`queued`), yields nothing. Event ids are `idPrefix + callId + ':' + type`,
 * so importing a file again gives the same ids (duplicates). Never throws on a row.
 *
 * One file (~320 lines): the mapping's schema, the date/time parsing it configures and the row
 * conversion are one format; the parsing alone would be a module nobody else uses.
 */
import { z } from 'zod';
import type { WallboardEvent } from '../contract/events';
import { localToEpochMs } from './local-time';
import { validated, type AdapterOptions } from './result';

const column = z.string().min(1);
/** One column, or columns tried in order: the first whose value is not an empty time. */
const timeSource = z.union([column, z.array(column).min(1)]);

function isTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

export const DATE_FORMATS = [
	'YYMMDD',
	'YYYYMMDD',
	'YYYY-MM-DD',
	'DD/MM/YYYY',
	'MM/DD/YYYY'
] as const;
export const TIME_FORMATS = ['H:mm:ss', 'YYYY-MM-DD HH:mm:ss', 'epoch-s', 'epoch-ms'] as const;

export const callsCsvMappingSchema = z
	.object({
		description: z.string().optional(),
		/** Field separator: "," (default), "\t", ";" … Quoted fields ("a,b", "") are understood. */
		delimiter: z.string().length(1).default(','),
		/** Prepended to every event id, e.g. "anonymous-bank:" (keeps ids of two exports apart). */
		idPrefix: z.string().min(1).max(48),
		/** The call id's column, or several whose values together identify a call (joined by "/"). */
		callId: z.union([column, z.array(column).min(1)]),
		queue: column,
		/** The agent of an answered call; `agentDefault` when absent or empty. */
		agent: column.optional(),
		agentDefault: z.string().min(1).default('unknown'),
		timeZone: z.string().refine(isTimeZone, { message: 'is not an IANA time zone' }),
		/**
		 * For times of day (`H:mm:ss`): the date column and its format. `of` names the time column
		 * the date belongs to; any other time more than 12 h before it is on the next day (a call
		 * that crosses midnight).
		 */
		date: z.object({ column, format: z.enum(DATE_FORMATS), of: column.optional() }).optional(),
		timeFormat: z.enum(TIME_FORMATS),
		/** Values that mean "no time" (e.g. "0:00:00"); the empty string always does. */
		emptyTimes: z.array(z.string()).default([]),
		times: z.object({
			offered: timeSource,
			answered: timeSource.optional(),
			abandoned: timeSource.optional(),
			ended: timeSource.optional()
		}),
		outcome: z.object({
			column,
			answered: z.array(z.string()).min(1),
			abandoned: z.array(z.string()).default([]),
			/** Rows with these outcomes are not calls that reached a queue: no events. */
			skip: z.array(z.string()).default([])
		}),
		/**
		 * Whether a call queued at all: empty (or an empty time) in this column means it did not.
		 * An abandoned call that never queued never reached the queue: no events.
		 */
		queued: z.object({ column }).optional()
	})
	.refine((m) => m.timeFormat !== 'H:mm:ss' || m.date !== undefined, {
		message: 'timeFormat H:mm:ss needs a date column (date.column, date.format)',
		path: ['date']
	});

export type CallsCsvMapping = z.infer<typeof callsCsvMappingSchema>;

export type CsvRowResult =
	| { kind: 'events'; events: WallboardEvent[] }
	| { kind: 'skipped'; reason: string }
	| { kind: 'rejected'; errors: string[] };

export type CallsCsvConverter = (fields: readonly string[]) => CsvRowResult;

/** Splits one line at `delimiter`; double-quoted fields may hold the delimiter and "" quotes. */
export function splitRow(line: string, delimiter: string): string[] {
	const text = line.endsWith('\r') ? line.slice(0, -1) : line;
	if (!text.includes('"')) return text.split(delimiter);
	const out: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === delimiter) {
			out.push(field);
			field = '';
		} else field += c;
	}
	out.push(field);
	return out;
}

type Ymd = { year: number; month: number; day: number };

function nextDay(d: Ymd): Ymd {
	const next = new Date(Date.UTC(d.year, d.month - 1, d.day) + DAY_MS);
	return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function parseDate(value: string, format: (typeof DATE_FORMATS)[number]): Ymd | null {
	let m: RegExpExecArray | null;
	let y: number, mo: number, d: number;
	if (format === 'YYMMDD' && (m = /^(\d{2})(\d{2})(\d{2})$/.exec(value))) {
		// Two-digit years: 70–99 → 19xx, 00–69 → 20xx.
		y = Number(m[1]) + (Number(m[1]) >= 70 ? 1900 : 2000);
		[mo, d] = [Number(m[2]), Number(m[3])];
	} else if (format === 'YYYYMMDD' && (m = /^(\d{4})(\d{2})(\d{2})$/.exec(value))) {
		[y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	} else if (format === 'YYYY-MM-DD' && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) {
		[y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	} else if (format === 'DD/MM/YYYY' && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value))) {
		[y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
	} else if (format === 'MM/DD/YYYY' && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value))) {
		[y, mo, d] = [Number(m[3]), Number(m[1]), Number(m[2])];
	} else return null;
	const check = new Date(Date.UTC(y, mo - 1, d));
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
		return null;
	return { year: y, month: mo, day: d };
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2}):(\d{2})$/;
const LOCAL_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DAY_MS = 86_400_000;
const HALF_DAY_S = 12 * 3600;

/** Builds the converter for a file whose header line split into `header`; throws on a bad map. */
export function createCallsCsvConverter(
	mapping: CallsCsvMapping,
	header: readonly string[],
	options: AdapterOptions = {}
): CallsCsvConverter {
	const index = new Map(header.map((h, i) => [h.trim(), i]));
	const sources = (s: string | string[] | undefined) => (s === undefined ? [] : [s].flat());
	const callIdColumns = [mapping.callId].flat();
	const named = [
		...callIdColumns,
		mapping.queue,
		mapping.outcome.column,
		...(mapping.agent ? [mapping.agent] : []),
		...(mapping.date ? [mapping.date.column, ...sources(mapping.date.of)] : []),
		...(mapping.queued ? [mapping.queued.column] : []),
		...Object.values(mapping.times).flatMap(sources)
	];
	const missing = [...new Set(named)].filter((c) => !index.has(c));
	if (missing.length > 0) {
		throw new Error(
			`mapping names column(s) ${missing.map((c) => JSON.stringify(c)).join(', ')} that the ` +
				`header does not have (header: ${header.map((h) => JSON.stringify(h)).join(', ')})`
		);
	}
	const empty = new Set(['', ...mapping.emptyTimes]);
	const answeredOutcomes = new Set(mapping.outcome.answered);
	const abandonedOutcomes = new Set(mapping.outcome.abandoned);
	const skipOutcomes = new Set(mapping.outcome.skip);
	const { timeZone, timeFormat, idPrefix } = mapping;

	return (fields) => {
		const get = (name: string) => (fields[index.get(name)!] ?? '').trim();
		/** The first non-empty value among the sources, with its column. */
		const pick = (s: string | string[] | undefined) => {
			for (const c of sources(s)) {
				const v = get(c);
				if (!empty.has(v)) return { column: c, value: v };
			}
			return null;
		};
		const callId = callIdColumns.map(get).join('/');
		const queue = get(mapping.queue);
		const outcome = get(mapping.outcome.column);
		if (callIdColumns.some((c) => get(c) === '')) {
			return { kind: 'rejected', errors: [`${callIdColumns.join(', ')}: empty call id`] };
		}
		if (skipOutcomes.has(outcome)) {
			return { kind: 'skipped', reason: `outcome ${outcome} is skipped by the mapping` };
		}
		const answered = answeredOutcomes.has(outcome);
		if (!answered && !abandonedOutcomes.has(outcome)) {
			return {
				kind: 'rejected',
				errors: [
					`${mapping.outcome.column}: outcome ${JSON.stringify(outcome)} is not in the mapping`
				]
			};
		}
		if (!answered && mapping.queued && empty.has(get(mapping.queued.column))) {
			return {
				kind: 'skipped',
				reason: `outcome ${outcome} without queueing (${mapping.queued.column} empty): never reached the queue`
			};
		}

		// Times of day: the date belongs to `date.of` (default: the offered time's column).
		let dayStart: Ymd | null = null;
		let refSeconds = 0;
		if (timeFormat === 'H:mm:ss') {
			const date = mapping.date!;
			dayStart = parseDate(get(date.column), date.format);
			if (dayStart === null) {
				return {
					kind: 'rejected',
					errors: [
						`${date.column}: ${JSON.stringify(get(date.column))} is not a ${date.format} date`
					]
				};
			}
			const ref = pick(date.of ?? mapping.times.offered);
			const m = ref ? TIME_OF_DAY.exec(ref.value) : null;
			refSeconds = m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
		}
		const errors: string[] = [];
		const timeOf = (s: string | string[] | undefined, what: string): number | null => {
			const found = pick(s);
			if (found === null) return null;
			const ms = parseTime(found.value);
			if (ms === null)
				errors.push(
					`${found.column}: ${JSON.stringify(found.value)} is not a ${timeFormat} ${what} time`
				);
			return ms;
		};
		const parseTime = (value: string): number | null => {
			if (timeFormat === 'epoch-s' || timeFormat === 'epoch-ms') {
				if (!/^\d+(\.\d+)?$/.test(value)) return null;
				return Math.floor(Number(value) * (timeFormat === 'epoch-s' ? 1000 : 1));
			}
			if (timeFormat === 'H:mm:ss') {
				const m = TIME_OF_DAY.exec(value);
				if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) return null;
				const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
				// A time more than 12 h before the reference crossed midnight: it is on the next day.
				const day = seconds < refSeconds - HALF_DAY_S ? nextDay(dayStart!) : dayStart!;
				return localToEpochMs(
					{ ...day, hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3]) },
					timeZone
				);
			}
			const m = LOCAL_DATE_TIME.exec(value);
			if (!m) return null;
			if (m[7]) return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7]}`);
			const ymd = parseDate(`${m[1]}-${m[2]}-${m[3]}`, 'YYYY-MM-DD');
			if (ymd === null) return null;
			return localToEpochMs(
				{ ...ymd, hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) },
				timeZone
			);
		};

		const offeredAt = timeOf(mapping.times.offered, 'offered');
		const endAt = answered
			? timeOf(mapping.times.answered, 'answered')
			: timeOf(mapping.times.abandoned, 'abandoned');
		const endedAt = answered ? timeOf(mapping.times.ended, 'ended') : null;
		if (errors.length > 0) return { kind: 'rejected', errors };
		if (offeredAt === null)
			return {
				kind: 'rejected',
				errors: [`offered: no time (${sources(mapping.times.offered).join(', ')} empty)`]
			};
		const outcomeColumns = sources(answered ? mapping.times.answered : mapping.times.abandoned);
		if (endAt === null) {
			return {
				kind: 'rejected',
				errors: [
					`${answered ? 'answered' : 'abandoned'}: no time (${outcomeColumns.join(', ') || 'not mapped'})`
				]
			};
		}

		const id = (type: string) => `${idPrefix}${callId}:${type}`;
		const raw: Record<string, unknown>[] = [
			{ id: id('offered'), at: offeredAt, type: 'call.offered', callId, queue },
			answered
				? {
						id: id('answered'),
						at: endAt,
						type: 'call.answered',
						callId,
						agentId: (mapping.agent && get(mapping.agent)) || mapping.agentDefault
					}
				: { id: id('abandoned'), at: endAt, type: 'call.abandoned', callId }
		];
		if (endedAt !== null) raw.push({ id: id('ended'), at: endedAt, type: 'call.ended', callId });
		const events: WallboardEvent[] = [];
		for (const r of raw) {
			const result = validated(r, options);
			if (result.kind !== 'event')
				return {
					kind: 'rejected',
					errors: result.kind === 'rejected' ? result.errors : [result.reason]
				};
			events.push(result.event);
		}
		return { kind: 'events', events };
	};
}
