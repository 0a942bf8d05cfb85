/** The logger's error serializer: a failed query's whole parameter list never reaches the log. */
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

class DrizzleLikeError extends Error {
	constructor(
		public query: string,
		public params: unknown[]
	) {
		super(`Failed query: ${query}\nparams: ${params.join(',')}`);
	}
}

describe('createLogger', () => {
	it('logs a failed query with 300,000 parameters as one short line without them', () => {
		const lines: string[] = [];
		const logger = createLogger('info', { write: (l) => void lines.push(l) });
		const params = Array.from({ length: 300_000 }, (_, i) => `来电1370000${i}`);
		logger.error({ err: new DrizzleLikeError('insert into events values ($1)', params) }, 'x');
		expect(lines).toHaveLength(1);
		const line = lines[0] ?? '';
		expect(line.length).toBeLessThan(6000);
		expect(line).not.toContain('来电');
		const err = (JSON.parse(line) as { err: { message: string; params: unknown } }).err;
		expect(err.message).toBe('Failed query: insert into events values ($1)');
		expect(err.params).toBe('[300000 parameters]');
	});
});
