/**
 * Turns an ingest request body into raw event items (docs/contract.md §2): a JSON array, an
 * object `{"events": [...]}`, or NDJSON (one event per line). Pure: no I/O.
 */

export type BodyItems = {
	/** Raw items in request order; an NDJSON line that is not JSON is a {@link BadLine}. */
	items: Array<unknown | BadLine>;
};
export type BodyError = { status: 400 | 415; message: string };

const BAD_LINE = Symbol.for('hotline-wallboard.bad-line');

/**
 * An NDJSON line that could not be parsed: rejected on its own, the other lines still count.
 * A plain object with a global symbol, not a class: the routes' bundled copy of this module and
 * the server's copy are different instances, so `instanceof` would not work across them.
 */
export type BadLine = { [BAD_LINE]: true; line: number; message: string };

export function badLine(line: number, message: string): BadLine {
	return { [BAD_LINE]: true, line, message };
}

export function isBadLine(item: unknown): item is BadLine {
	return typeof item === 'object' && item !== null && BAD_LINE in item;
}

export const ACCEPTED_CONTENT_TYPES = ['application/json', 'application/x-ndjson'] as const;

function mediaType(contentType: string | null): string | null {
	if (!contentType) return null;
	return contentType.split(';')[0]!.trim().toLowerCase();
}

/** Which parser a Content-Type selects, or a 415 naming the accepted types. */
export function bodyKind(contentType: string | null): 'json' | 'ndjson' | BodyError {
	const type = mediaType(contentType);
	if (type === 'application/json' || (type?.startsWith('application/') && type.endsWith('+json')))
		return 'json';
	if (type === 'application/x-ndjson' || type === 'application/ndjson') return 'ndjson';
	return {
		status: 415,
		message: `Content-Type ${type ? `"${type}"` : '(missing)'} is not supported; send application/json (an array of events or {"events": [...]}) or application/x-ndjson (one event per line)`
	};
}

export function parseBody(kind: 'json' | 'ndjson', text: string): BodyItems | BodyError {
	return kind === 'json' ? parseJson(text) : parseNdjson(text);
}

function parseJson(text: string): BodyItems | BodyError {
	if (text.trim() === '') {
		return { status: 400, message: 'request body is empty; send a JSON array of events' };
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		return { status: 400, message: `malformed JSON${where(e)}` };
	}
	if (Array.isArray(value)) return { items: value };
	if (typeof value === 'object' && value !== null && 'events' in value) {
		const events = (value as { events: unknown }).events;
		if (Array.isArray(events)) return { items: events };
		return { status: 400, message: '"events" must be an array of events' };
	}
	return {
		status: 400,
		message: 'body must be a JSON array of events or an object {"events": [...]}'
	};
}

/**
 * Where JSON.parse failed, without its message: V8 quotes the input ("Unexpected token 'x',
 * "来电13700002…" is not valid JSON"), and that text would reach the answer and the log.
 */
function where(error: unknown): string {
	const message = error instanceof Error ? error.message : '';
	const position = /at position (\d+)/.exec(message);
	if (position) return `: syntax error at position ${position[1]}`;
	if (/end of JSON input/.test(message)) return ': unexpected end of input';
	return ': unexpected character';
}

function parseNdjson(text: string): BodyItems {
	const items: Array<unknown | BadLine> = [];
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!.trim();
		if (line === '') continue;
		try {
			items.push(JSON.parse(line));
		} catch (e) {
			items.push(badLine(i + 1, `line ${i + 1}: malformed JSON${where(e)}`));
		}
	}
	return { items };
}

/** Past the limit, the rest of a body is read and dropped up to this size so that the client can
 * read the 413 instead of a reset connection; a larger body gets the connection closed. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** Reads a request body up to `limit` bytes as text; `null` when it is larger (→ 413). */
export async function readBodyLimited(request: Request, limit: number): Promise<string | null> {
	const bytes = await readBodyBytesLimited(request, limit);
	return bytes === null ? null : decodeBody(bytes);
}

/** UTF-8, a leading BOM dropped, an invalid byte read as U+FFFD. */
export function decodeBody(bytes: Uint8Array): string {
	return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Reads a request body up to `limit` bytes, as received; `null` when it is larger (→ 413). */
export async function readBodyBytesLimited(
	request: Request,
	limit: number,
	/** Past the limit, read and drop at most this much (0: stop at once, for unknown senders). */
	drainMaxBytes = DRAIN_MAX_BYTES
): Promise<Uint8Array | null> {
	if (!request.body) return new Uint8Array();
	const declared = Number(request.headers.get('content-length') ?? NaN);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	let tooLarge = Number.isFinite(declared) && declared > limit;
	for (;;) {
		if (tooLarge && (size > drainMaxBytes || declared > drainMaxBytes)) {
			await reader.cancel().catch(() => {});
			return null;
		}
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) tooLarge = true;
		if (!tooLarge) chunks.push(value);
	}
	if (tooLarge) return null;
	return Buffer.concat(chunks);
}
