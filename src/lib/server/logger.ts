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

export function createLogger(level: string): Logger {
	return pino({
		level,
		base: { service: 'hotline-wallboard' },
		redact: { paths: REDACT_PATHS, censor: '[redacted]' },
		timestamp: pino.stdTimeFunctions.isoTime
	});
}
