/** Storage or shutdown made the request impossible now; the client should retry (503). */
export class UnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnavailableError';
	}
}

/**
 * By name, not `instanceof`: the routes' bundled copy of this module and the server's copy are
 * different instances.
 */
export function isUnavailable(err: unknown): err is UnavailableError {
	return err instanceof Error && err.name === 'UnavailableError';
}
