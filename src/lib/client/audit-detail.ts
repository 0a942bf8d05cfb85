/**
 * An audit entry's detail in one line, the same on /admin/audit and in its CSV: a threshold
 * change as "path: from → to; …" (null reads "—"), anything else as "key = value, …". Pure.
 */
const show = (v: unknown) =>
	v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

export function describeDetail(detail: Record<string, unknown>): string {
	const changes = detail.changes;
	if (Array.isArray(changes)) {
		return changes
			.map(
				(c: { path?: unknown; from?: unknown; to?: unknown }) =>
					`${String(c.path)}: ${show(c.from)} → ${show(c.to)}`
			)
			.join('; ');
	}
	return Object.keys(detail)
		.sort()
		.map((k) => `${k} = ${show(detail[k])}`)
		.join(', ');
}
