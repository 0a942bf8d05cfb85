/**
 * Asterisk queue_log lines into the one ingest path (docs/contract.md §8): each line parsed by
 * the pure adapter (ids from the line's content, node:crypto's SHA-256 for speed: the same ids),
 * the events handed to `ingest()` as one batch, the answer counted per line. Used by
 * `POST /api/v1/adapters/asterisk/queue-log`, the file follower and the simulator.
 */
import { createHash } from 'node:crypto';
import { parseQueueLogLine, type QueueLogOptions } from '../../adapters/queue-log';
import { toQueueLogLine } from '../../adapters/queue-log-format';
import type { WallboardEvent } from '../../contract/events';
import type { AppendExtra } from '../db/store';
import { receive, ingestOr503, type IngestHttpDeps } from './http';
import { problem } from '../http/problem';
import type { IngestService } from './service';

export type QueueLogResult = {
	accepted: number;
	duplicates: number;
	/** Well-formed lines that carry nothing for the wallboard (QUEUESTART, RINGNOANSWER, …). */
	ignored: number;
	/** `line` is 1-based in the text. */
	rejected: Array<{ line: number; errors: string[] }>;
};

const hash = (line: string) => createHash('sha256').update(line).digest('base64url');
export const QUEUE_LOG_OPTIONS: QueueLogOptions = { hash };

/** Lines of a queue_log text → events (with their line numbers), ignored count, rejections. */
export function parseQueueLogText(text: string) {
	const events: WallboardEvent[] = [];
	const lineOf: number[] = [];
	const rejected: QueueLogResult['rejected'] = [];
	let ignored = 0;
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i]!;
		if (raw.trim() === '') continue;
		const result = parseQueueLogLine(raw, QUEUE_LOG_OPTIONS);
		if (result.kind === 'event') {
			events.push(result.event);
			lineOf.push(i + 1);
		} else if (result.kind === 'ignored') ignored++;
		else rejected.push({ line: i + 1, errors: result.errors });
	}
	return { events, lineOf, ignored, rejected };
}

export async function ingestQueueLog(
	ingest: Pick<IngestService, 'ingest'>,
	text: string,
	extra?: AppendExtra
): Promise<QueueLogResult> {
	const parsed = parseQueueLogText(text);
	const result = await ingest.ingest(parsed.events, extra);
	// The ingest path checks the future rule with its clock: map those back to their lines.
	const late = result.rejected.map((r) => ({ line: parsed.lineOf[r.index]!, errors: r.errors }));
	return {
		accepted: result.accepted,
		duplicates: result.duplicates,
		ignored: parsed.ignored,
		rejected: [...parsed.rejected, ...late].sort((a, b) => a.line - b.line)
	};
}

function textKind(contentType: string | null): 'text' | { status: 415; message: string } {
	const type = contentType?.split(';')[0]!.trim().toLowerCase() ?? null;
	if (type === 'text/plain') return 'text';
	return {
		status: 415,
		message: `Content-Type ${type ? `"${type}"` : '(missing)'} is not supported; send text/plain (Asterisk queue_log lines)`
	};
}

/** `POST /api/v1/adapters/asterisk/queue-log`: the checks of §2, then the lines. */
export async function handleQueueLogRequest(
	deps: IngestHttpDeps,
	request: Request
): Promise<Response> {
	const received = await receive(deps, request, textKind);
	let response: Response;
	if (received instanceof Response) response = received;
	else if (received.text.trim() === '') {
		response = problem(400, 'request body is empty; send Asterisk queue_log lines');
	} else {
		const { text, source } = received;
		response = await ingestOr503(deps, source, () => ingestQueueLog(deps.ingest, text));
	}
	deps.telemetry.ingestRequests.inc({ status: String(response.status) });
	return response;
}

/**
 * SIMULATE_FORMAT=queue-log: what queue_log can carry goes out as its lines through the adapter;
 * the rest (busy, wrapup, tickets: no queue_log line) as contract events, as a hall's ticketing
 * system would send them.
 */
export async function sendAsQueueLog(
	ingest: Pick<IngestService, 'ingest'>,
	events: readonly WallboardEvent[]
): Promise<void> {
	const lines: string[] = [];
	const direct: WallboardEvent[] = [];
	for (const event of events) {
		const line = toQueueLogLine(event);
		if (line === null) direct.push(event);
		else lines.push(line);
	}
	if (lines.length > 0) await ingestQueueLog(ingest, lines.join('\n'));
	if (direct.length > 0) await ingest.ingest(direct);
}
