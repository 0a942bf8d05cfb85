/**
 * What a change changed: the leaves of two plain JSON documents that differ, as
 * `{path, from, to}` (a value that appears has `from: null`, one that goes `to: null`). The
 * audit log stores these for thresholds, so a reader sees "metrics.serviceLevelToday.good
 * 0.9 → 0.85" rather than two whole documents. Pure.
 */
export type Change = { path: string; from: unknown; to: unknown };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export function changesBetween(before: unknown, after: unknown, prefix = ''): Change[] {
	if (isObject(before) && isObject(after)) {
		const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
		return keys.flatMap((k) =>
			changesBetween(
				Object.hasOwn(before, k) ? before[k] : undefined,
				Object.hasOwn(after, k) ? after[k] : undefined,
				prefix ? `${prefix}.${k}` : k
			)
		);
	}
	if (isObject(before) && after === undefined) return changesBetween(before, {}, prefix);
	if (before === undefined && isObject(after)) return changesBetween({}, after, prefix);
	if (JSON.stringify(before) === JSON.stringify(after)) return [];
	return [{ path: prefix || '(all)', from: before ?? null, to: after ?? null }];
}
