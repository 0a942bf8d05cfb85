/**
 * RFC 7386 JSON Merge Patch: `diff` builds the patch that turns one JSON document into another,
 * `applyMergePatch` applies one. A merge patch cannot set a value to `null`: `diff` removes a
 * field that becomes `null`, and readers take a missing field as `null` (contract §4).
 * Arrays are replaced whole, as the RFC says.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type MergePatch = { [key: string]: Json };

function isObject(v: unknown): v is { [key: string]: Json } {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
		return true;
	}
	if (isObject(a)) {
		if (!isObject(b)) return false;
		const ka = Object.keys(a);
		if (ka.length !== Object.keys(b).length) return false;
		for (const k of ka) if (!(k in b) || !jsonEqual(a[k], b[k])) return false;
		return true;
	}
	return false;
}

/**
 * The merge patch that turns `from` into `to`, or `null` when they are equal. Fields that are
 * missing from `to` or `null` in it become `null` in the patch (removal).
 */
export function diff(
	from: { [key: string]: Json },
	to: { [key: string]: Json }
): MergePatch | null {
	let patch: MergePatch | null = null;
	for (const key of Object.keys(from)) {
		if (!(key in to) || to[key] === null) {
			if (from[key] !== null) (patch ??= {})[key] = null;
		}
	}
	for (const key of Object.keys(to)) {
		const next = to[key] as Json;
		if (next === null) continue;
		const prev = from[key];
		if (isObject(prev) && isObject(next)) {
			const sub = diff(prev, next);
			if (sub) (patch ??= {})[key] = sub;
		} else if (!jsonEqual(prev, next)) {
			(patch ??= {})[key] = isObject(next) ? stripNulls(next) : next;
		}
	}
	return patch;
}

function stripNulls(obj: { [key: string]: Json }): { [key: string]: Json } {
	const out: { [key: string]: Json } = {};
	for (const [k, v] of Object.entries(obj)) {
		if (v === null) continue;
		out[k] = isObject(v) ? stripNulls(v) : v;
	}
	return out;
}

/** Applies an RFC 7386 merge patch; returns a new document and leaves `target` untouched. */
export function applyMergePatch<T>(target: T, patch: Json): T {
	if (!isObject(patch)) return patch as T;
	const base: { [key: string]: Json } = isObject(target as Json)
		? { ...(target as { [key: string]: Json }) }
		: {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete base[key];
		else base[key] = applyMergePatch<Json>(base[key] ?? null, value);
	}
	return base as T;
}
