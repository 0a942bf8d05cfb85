/**
 * FreeSWITCH event-socket (ESL) framing, pure and incremental: feed `push()` the bytes as the
 * socket delivers them, split anywhere, and get back each complete message once.
 *
 * A message is a header block ("Name: value" lines, ended by a blank line), then, when it has a
 * `Content-Length`, exactly that many BYTES of body (mod_event_socket.c writes the byte count;
 * bodies are UTF-8, decoded once complete, so a character split across chunks survives). A
 * `text/event-plain` body is itself an event serialised by switch_event_serialize(): header lines
 * whose values are URL-encoded (switch_url_encode: `%XX` of UTF-8 bytes, no `+` for space), then
 * either a blank line or `Content-Length: n`, a blank line and n bytes of event body. Those are
 * decoded into `event`. Outer headers are kept as sent. Lines end in LF; a CR before it is dropped.
 *
 * A corrupt stream (a bad Content-Length) cannot be resynchronised: `push` throws EslFramingError
 * and the caller drops the connection.
 */

export type EslEvent = { headers: Record<string, string>; body?: string };
export type EslMessage = { headers: Record<string, string>; body?: string; event?: EslEvent };

export class EslFramingError extends Error {
	override name = 'EslFramingError';
}

/** Largest body accepted: far above any event, small enough to stop a runaway length. */
export const ESL_MAX_BODY_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export type EslParser = {
	/** Appends bytes (a string is taken as its UTF-8 bytes); returns the messages completed. */
	push(chunk: string | Uint8Array): EslMessage[];
	/** Bytes held for a message not yet complete. */
	readonly pending: number;
};

export function createEslParser(maxBodyBytes = ESL_MAX_BODY_BYTES): EslParser {
	// Bytes not yet consumed are store[start, length); the store grows by doubling, so a large
	// body arriving in many small chunks is copied O(log n) times, not once per chunk.
	let store = new Uint8Array(4096);
	let length = 0;
	let start = 0;
	/** Headers of a message waiting for its body, and the body's length in bytes. */
	let waiting: { headers: Record<string, string>; length: number } | null = null;

	function append(bytes: Uint8Array) {
		if (length + bytes.length > store.length) {
			const live = length - start;
			const next = new Uint8Array(Math.max(store.length, 2 * (live + bytes.length)));
			next.set(store.subarray(start, length));
			store = next;
			length = live;
			start = 0;
		}
		store.set(bytes, length);
		length += bytes.length;
	}

	return {
		push(chunk) {
			append(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
			const buffer = store.subarray(0, length);
			const out: EslMessage[] = [];
			for (;;) {
				if (waiting === null) {
					// Blank lines between messages carry nothing.
					while (start < buffer.length && (buffer[start] === LF || buffer[start] === CR)) {
						if (buffer[start] === CR && start + 1 >= buffer.length) break;
						start++;
					}
					const end = blockEnd(buffer, start);
					if (end === -1) break;
					const headers = parseHeaderLines(buffer.subarray(start, end.headerEnd), false);
					start = end.next;
					const bodyLength = contentLength(headers['Content-Length'], maxBodyBytes);
					if (bodyLength === 0) {
						out.push({ headers });
						continue;
					}
					waiting = { headers, length: bodyLength };
				}
				if (buffer.length - start < waiting.length) break;
				const bytes = buffer.subarray(start, start + waiting.length);
				start += waiting.length;
				const message: EslMessage = { headers: waiting.headers, body: decoder.decode(bytes) };
				if (waiting.headers['Content-Type'] === 'text/event-plain') {
					message.event = parseEventPlainBytes(bytes);
				}
				out.push(message);
				waiting = null;
			}
			if (start === length) start = length = 0;
			return out;
		},
		get pending() {
			return length - start;
		}
	};
}

/** Parses one `text/event-plain` body (a string or its UTF-8 bytes) into decoded headers. */
export function parseEventPlain(body: string | Uint8Array): EslEvent {
	return parseEventPlainBytes(typeof body === 'string' ? encoder.encode(body) : body);
}

function parseEventPlainBytes(bytes: Uint8Array): EslEvent {
	const end = blockEnd(bytes, 0);
	const headerEnd = end === -1 ? bytes.length : end.headerEnd;
	const headers = parseHeaderLines(bytes.subarray(0, headerEnd), true);
	if (end === -1 || headers['Content-Length'] === undefined) return { headers };
	const length = Number(headers['Content-Length']);
	const body = bytes.subarray(end.next, end.next + (Number.isInteger(length) ? length : 0));
	return { headers, body: decoder.decode(body) };
}

/** Where the header block starting at `from` ends: after the line feed of its blank line. */
function blockEnd(bytes: Uint8Array, from: number): { headerEnd: number; next: number } | -1 {
	for (let i = bytes.indexOf(LF, from); i !== -1; i = bytes.indexOf(LF, i + 1)) {
		if (bytes[i + 1] === LF) return { headerEnd: i, next: i + 2 };
		if (bytes[i + 1] === CR && bytes[i + 2] === LF) return { headerEnd: i, next: i + 3 };
	}
	return -1;
}

function parseHeaderLines(bytes: Uint8Array, urlEncoded: boolean): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const raw of decoder.decode(bytes).split('\n')) {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (line === '') continue;
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim();
		const value = line.slice(colon + 1).replace(/^ /, '');
		headers[name] = urlEncoded ? urlDecode(value) : value;
	}
	return headers;
}

function contentLength(value: string | undefined, max: number): number {
	if (value === undefined) return 0;
	if (!/^\d{1,10}$/.test(value.trim()) || Number(value) > max) {
		throw new EslFramingError(
			`Content-Length: "${value.slice(0, 20)}" is not a byte count up to ${max}`
		);
	}
	return Number(value);
}

/** `%XX` → byte, then UTF-8 (switch_url_decode); anything else is kept as it is. */
export function urlDecode(value: string): string {
	if (!value.includes('%')) return value;
	const bytes: number[] = [];
	for (let i = 0; i < value.length;) {
		if (value[i] === '%' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
			bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
			i += 3;
		} else {
			const char = String.fromCodePoint(value.codePointAt(i)!);
			bytes.push(...encoder.encode(char));
			i += char.length;
		}
	}
	return decoder.decode(new Uint8Array(bytes));
}
