/**
 * What an adapter makes of one source record (a queue_log line, a FreeSWITCH event): a contract
 * event validated by the contract's own schema, a record that carries nothing for the wallboard,
 * or a record that is broken, with messages that name the problem. Adapters never throw on input.
 */
import { parseEvent, type WallboardEvent } from '../contract/events';

export type AdapterResult<E extends WallboardEvent = WallboardEvent> =
	| { kind: 'event'; event: E }
	| { kind: 'ignored'; reason: string }
	| { kind: 'rejected'; errors: string[] };

export type AdapterOptions = {
	/**
	 * Server time (epoch ms) for the contract's "more than 5 minutes in the future" rule. Omitted:
	 * no future check here; the ingest path applies it with its own clock.
	 */
	now?: number;
};

/** Validates a built event with the contract schema (`parseEvent`) and wraps the outcome. */
export function validated(raw: Record<string, unknown>, options: AdapterOptions): AdapterResult {
	const result = parseEvent(raw, options.now ?? Number.POSITIVE_INFINITY);
	return result.ok
		? { kind: 'event', event: result.event }
		: { kind: 'rejected', errors: result.errors };
}

export function ignored(reason: string): AdapterResult {
	return { kind: 'ignored', reason };
}

export function rejected(...errors: string[]): AdapterResult {
	return { kind: 'rejected', errors };
}
