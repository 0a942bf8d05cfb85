import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths that may carry personal data; pino replaces them before anything is written. */
export const REDACT_PATHS = [
	'caller',
	'summary',
	'callerName',
	'callerPhone',
	'*.caller',
	'*.summary',
	'*.callerName',
	'*.callerPhone',
	'events[*].caller',
	'events[*].summary',
	'events[*].callerName',
	'events[*].callerPhone',
	'req.headers.authorization',
	'headers.authorization'
];

/** Longest text of an error kept in the log (message, stack, a failed query). */
export const LOG_ERROR_TEXT_MAX = 2000;

const clip = (text: unknown) =>
	typeof text === 'string' && text.length > LOG_ERROR_TEXT_MAX
		? `${text.slice(0, LOG_ERROR_TEXT_MAX)}… (${text.length} characters)`
		: text;

/**
 * pino's error serializer, bounded: a failed query's error (drizzle's) carries the whole
 * parameter list — megabytes for a large batch, and callers' personal data — in its message and
 * `params`; the log keeps the count of parameters and the first characters of each text.
 */
export function serializeError(err: unknown): unknown {
	const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
	if (!out || typeof out !== 'object') return out;
	const message = typeof out.message === 'string' ? out.message : '';
	const cut = message.indexOf('\nparams: ');
	if (cut >= 0) out.message = message.slice(0, cut);
	for (const key of ['message', 'stack', 'query']) if (key in out) out[key] = clip(out[key]);
	if (Array.isArray(out.params)) out.params = `[${out.params.length} parameters]`;
	if (typeof out.stack === 'string' && cut >= 0) {
		out.stack = clip(out.stack.replace(/\nparams: [\s\S]*?(\n\s+at |$)/, '$1'));
	}
	return out;
}

/** Log bytes held for a stdout that does not take them (a hung reader); beyond, lines drop. */
export const LOG_BUFFER_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Writes to stdout, or to `destination` (tests keep the lines to read them back). Stdout is
 * written asynchronously with a bounded buffer: a log reader that stopped reading (a hung
 * `| tee`, a dead shipper's socket) costs dropped lines, never a blocked event loop — a blocked
 * loop would ignore SIGTERM — and a reader that went away (EPIPE) does not crash the server.
 */
export function createLogger(level: string, destination?: { write(line: string): void }): Logger {
	const options = {
		level,
		serializers: { err: serializeError },
		base: { service: 'hotline-wallboard' },
		redact: { paths: REDACT_PATHS, censor: '[redacted]' },
		timestamp: pino.stdTimeFunctions.isoTime
	};
	if (destination) return pino(options, destination);
	// At exit pino flushes synchronously, retrying EAGAIN forever: with a reader that stopped,
	// process.exit() would never return. This listener runs first (registered before pino's):
	// one last try, then what the reader did not take is abandoned.
	let exiting = false;
	process.once('exit', () => {
		exiting = true;
		try {
			stdout.flushSync();
		} catch {
			// EAGAIN or EPIPE: the reader is not there
		}
		stdout.destroy();
	});
	const stdout = pino.destination({
		dest: 1,
		sync: false,
		maxLength: LOG_BUFFER_MAX_BYTES,
		retryEAGAIN: () => !exiting
	});
	let broken = false;
	stdout.on('error', () => {
		broken = true; // nowhere left to say so; stop writing
	});
	const guarded = { write: (line: string) => (broken ? true : stdout.write(line)) };
	return pino(options, guarded);
}

/**
 * Writes `text` as it is to the logger's own stream, so that it comes out after every line logged
 * before it (stdout is written asynchronously: a `process.stdout.write` could overtake them) and,
 * like them, never blocks on a reader that stopped reading.
 */
export function writeRaw(logger: Logger, text: string): void {
	const stream = (logger as unknown as Record<symbol, { write(s: string): unknown }>)[
		pino.symbols.streamSym
	]!; // every pino logger has one (createLogger's, with or without a destination)
	stream.write(text);
}
