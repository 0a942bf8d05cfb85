/**
 * History import (`npm run import`): reads queue_log files or call-detail exports line by line,
 * converts them with the pure adapters (queue-log.ts, calls-csv.ts) and writes the events through
 * the event store in big batches (`append` keeps the history rollups in the same transaction).
 * Event ids come from the records, so importing the same file again counts duplicates.
 *
 * The live figures stay as they were: the live restore (db/restore.ts) reads every event of the
 * live window plus, of any age, the latest `agent.state` of each agent and every `call.offered`
 * with no answer or abandon. So records older than the live window that would reach it are kept
 * out: old `agent.state` (history keeps no agent states; the wall would show the agent) and an old
 * `call.offered` whose call has no answer or abandon anywhere in the import (it would wait on the
 * wall forever). Both are counted as skipped, with the reason.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { WallboardEvent } from '../../contract/events';
import { createCallsCsvConverter, splitRow, type CallsCsvMapping } from '../../adapters/calls-csv';
import { parseQueueLogLine } from '../../adapters/queue-log';
import { LIVE_WINDOW_MS } from '../../metrics';
import type { EventStore } from '../db/store';

export const IMPORT_FORMATS = ['queue-log', 'calls-csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_BATCH_EVENTS = 2000;
/** Rejected records kept with their reasons for the summary. */
const REJECTED_SAMPLES = 5;

export type ImportProgress = {
	bytesDone: number;
	bytesTotal: number;
	/** Events converted so far (accepted + duplicates + waiting in the current batch). */
	events: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	seconds: number;
};

export type ImportSummary = Omit<ImportProgress, 'bytesDone'> & {
	files: number;
	records: number;
	/** Reason → count: records that carry nothing for the history (or are kept out of it). */
	skipped: Record<string, number>;
	rejectedSamples: Array<{ file: string; line: number; errors: string[] }>;
};

export type ImportOptions = {
	store: Pick<EventStore, 'append'>;
	format: ImportFormat;
	files: readonly string[];
	/** Required for calls-csv. */
	mapping?: CallsCsvMapping;
	/** Server clock (epoch ms): the future-time rule and the live window. */
	now: number;
	batchEvents?: number;
	liveWindowMs?: number;
	onProgress?: (p: ImportProgress) => void;
	/** Monotonic seconds, for the rate (performance.now()/1000 by default). */
	clock?: () => number;
};

const sha256 = (line: string) => createHash('sha256').update(line).digest('base64url');

export async function importFiles(options: ImportOptions): Promise<ImportSummary> {
	const { store, format, files, now } = options;
	if (format === 'calls-csv' && !options.mapping) throw new Error('calls-csv needs a mapping');
	const batchEvents = options.batchEvents ?? IMPORT_BATCH_EVENTS;
	const liveCutoff = now - (options.liveWindowMs ?? LIVE_WINDOW_MS);
	const clock = options.clock ?? (() => performance.now() / 1000);
	const started = clock();
	const bytesTotal = files.reduce((n, f) => n + statSync(f).size, 0);
	let bytesBefore = 0;
	let bytesDone = 0;

	const summary: ImportSummary = {
		files: files.length,
		records: 0,
		bytesTotal,
		events: 0,
		accepted: 0,
		duplicates: 0,
		rejected: 0,
		skipped: {},
		rejectedSamples: [],
		seconds: 0
	};
	const skip = (reason: string) => (summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1);
	const reject = (file: string, line: number, errors: string[]) => {
		summary.rejected += 1;
		if (summary.rejectedSamples.length < REJECTED_SAMPLES) {
			summary.rejectedSamples.push({ file, line, errors });
		}
	};
	const progress = (): ImportProgress => ({
		bytesDone,
		bytesTotal,
		events: summary.events,
		accepted: summary.accepted,
		duplicates: summary.duplicates,
		rejected: summary.rejected,
		seconds: clock() - started
	});

	let batch: WallboardEvent[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		const sent = batch;
		batch = [];
		const inserted = await store.append(sent, now);
		summary.accepted += inserted.size;
		summary.duplicates += sent.length - inserted.size;
		options.onProgress?.(progress());
	};

	// Old offered calls wait here until their answer or abandon shows up (see the module comment).
	const heldOffered = new Map<string, WallboardEvent>();
	const settled = new Set<string>();
	const take = async (event: WallboardEvent) => {
		if (event.at <= liveCutoff) {
			if (event.type === 'agent.state') {
				skip('agent.state older than the live window (history keeps no agent states)');
				return;
			}
			if (event.type === 'call.offered' && !settled.has(event.callId)) {
				if (!heldOffered.has(event.callId)) heldOffered.set(event.callId, event);
				else batch.push(event); // a second offer of the same call: stored, counted as usual
				summary.events += 1;
				return;
			}
		}
		if (event.type === 'call.answered' || event.type === 'call.abandoned') {
			settled.add(event.callId);
			const offered = heldOffered.get(event.callId);
			if (offered) {
				heldOffered.delete(event.callId);
				batch.push(offered);
			}
		}
		batch.push(event);
		summary.events += 1;
		if (batch.length >= batchEvents) await flush();
	};

	for (const file of files) {
		const stream = createReadStream(file);
		const lines = createInterface({ input: stream, crlfDelay: Infinity });
		let lineNo = 0;
		let convert: ReturnType<typeof createCallsCsvConverter> | null = null;
		for await (const line of lines) {
			lineNo += 1;
			bytesDone = bytesBefore + stream.bytesRead;
			if (format === 'calls-csv' && convert === null) {
				const mapping = options.mapping!;
				convert = createCallsCsvConverter(mapping, splitRow(line, mapping.delimiter), { now });
				continue;
			}
			if (line.trim() === '') continue;
			summary.records += 1;
			if (format === 'queue-log') {
				const result = parseQueueLogLine(line, { now, hash: sha256 });
				if (result.kind === 'event') await take(result.event);
				else if (result.kind === 'ignored') skip(result.reason);
				else reject(file, lineNo, result.errors);
			} else {
				const result = convert!(splitRow(line, options.mapping!.delimiter));
				if (result.kind === 'events') for (const e of result.events) await take(e);
				else if (result.kind === 'skipped') skip(result.reason);
				else reject(file, lineNo, result.errors);
			}
		}
		bytesBefore += statSync(file).size;
		bytesDone = bytesBefore;
	}
	for (let i = 0; i < heldOffered.size; i++) {
		skip('call.offered older than the live window with no answer or abandon in the import');
	}
	summary.events -= heldOffered.size;
	await flush();
	summary.seconds = clock() - started;
	options.onProgress?.(progress());
	return summary;
}
