/** Query strings for pages whose state lives in the URL. */

/**
 * `search` with `changes` applied (a null value removes the key), as "?a=1&b=2", or "" when
 * nothing is left. Keys keep their order; new keys go last.
 */
export function withParams(
	search: URLSearchParams,
	changes: Record<string, string | null>
): `?${string}` | '' {
	const next = new URLSearchParams(search);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) next.delete(key);
		else next.set(key, value);
	}
	const text = next.toString();
	return text === '' ? '' : `?${text}`;
}
