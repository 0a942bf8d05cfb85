/**
 * Which rows of a breakdown are shown: those whose name contains the search text (any case,
 * spaces around ignored), then the first `limit` of them (the top N by the sorted column)
 * unless all are asked for. Pure.
 */
export type Visible<R> = { rows: R[]; matching: number; hidden: number };

export function visibleRows<R extends { name: string }>(
	sorted: readonly R[],
	search: string,
	limit: number | null,
	showAll: boolean
): Visible<R> {
	const needle = search.trim().toLocaleLowerCase();
	const matching =
		needle === '' ? sorted : sorted.filter((r) => r.name.toLocaleLowerCase().includes(needle));
	const rows = limit === null || showAll ? [...matching] : matching.slice(0, limit);
	return { rows, matching: matching.length, hidden: matching.length - rows.length };
}
