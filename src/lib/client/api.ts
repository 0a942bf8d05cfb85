/**
 * The browser's one way to call our API: JSON in, JSON out, and any non-2xx answer thrown as an
 * `ApiError` carrying the server's message (its one error shape `{message, ...details}`; the older
 * `{error}` is still read while the server moves over). A request aborted by its signal rejects
 * with the AbortError itself, so callers can tell "no longer wanted" from "failed".
 */

export class ApiError extends Error {
	constructor(
		/** The HTTP status; null when no answer came (network down, server unreachable). */
		readonly status: number | null,
		message: string,
		/** The error body's other fields (e.g. `issues`, `retryAfterSeconds`); {} if none. */
		readonly details: Record<string, unknown> = {}
	) {
		super(message);
		this.name = 'ApiError';
	}
}

export type ApiInit = Omit<RequestInit, 'body'> & {
	/** Sent as the JSON body (with `content-type: application/json`). */
	json?: unknown;
};

/** The message and the other fields of an error body; `null` when it says nothing usable. */
export function readErrorBody(
	body: unknown
): { message: string; details: Record<string, unknown> } | null {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
	const { message, error, ...details } = body as Record<string, unknown>;
	const text = [message, error].find((v): v is string => typeof v === 'string' && v !== '');
	return text === undefined ? null : { message: text, details };
}

/**
 * `path` (same-origin, e.g. `/api/v1/alerts/3/ack`) → the parsed JSON answer; `undefined` for an
 * empty one (204). `fetchFn`: a load function's `fetch`, or a fake in tests.
 */
export async function apiFetch<T>(
	path: string,
	init: ApiInit = {},
	fetchFn: typeof fetch = fetch
): Promise<T> {
	const { json, headers, ...rest } = init;
	const h = new Headers(headers);
	if (!h.has('accept')) h.set('accept', 'application/json');
	if (json !== undefined) h.set('content-type', 'application/json');
	let res: Response;
	try {
		res = await fetchFn(path, {
			...rest,
			headers: h,
			...(json !== undefined ? { body: JSON.stringify(json) } : {})
		});
	} catch (err) {
		if (init.signal?.aborted) throw err;
		throw new ApiError(null, err instanceof Error ? err.message : String(err));
	}
	const text = await res.text();
	let body: unknown = undefined;
	if (text !== '') {
		try {
			body = JSON.parse(text);
		} catch {
			if (res.ok) throw new ApiError(res.status, `${path} answered something that is not JSON`);
		}
	}
	if (!res.ok) {
		const read = readErrorBody(body);
		throw new ApiError(
			res.status,
			read?.message || res.statusText || `HTTP ${res.status}`,
			read?.details ?? {}
		);
	}
	return body as T;
}
