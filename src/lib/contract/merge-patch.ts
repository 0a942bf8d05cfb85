/**
 * RFC 7386 JSON Merge Patch: `diff` builds the patch that turns one JSON document into another,
 * `applyMergePatch` applies one. A merge patch cannot set a value to `null`: `diff` removes a
 * field that becomes `null`, and readers take a missing field as `null` (contract §4).
 * Arrays are replaced whole, as the RFC says. Keys are read and written as own properties only:
 * a queue named `__proto__` or `constructor` is a field like any other (`obj[key] = v` would set
 * the prototype instead, and `key in obj` finds inherited names).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type MergePatch = { [key: string]: Json };

function isObject(v: unknown): v is { [key: string]: Json } {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The own field `key` of `obj`, or undefined. */
function get(obj: { [key: string]: Json }, key: string): Json | undefined {
	return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets the own field `key` (defineProperty: `__proto__` too). */
function put(obj: { [key: string]: Json }, key: string, value: Json): void {
	Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
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
		for (const k of ka) if (!Object.hasOwn(b, k) || !jsonEqual(a[k], b[k])) return false;
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
		const next = get(to, key);
		if (next === undefined || next === null) {
			if (from[key] !== null) put((patch ??= {}), key, null);
		}
	}
	for (const key of Object.keys(to)) {
		const next = to[key] as Json;
		if (next === null) continue;
		const prev = get(from, key);
		if (isObject(prev) && isObject(next)) {
			const sub = diff(prev, next);
			if (sub) put((patch ??= {}), key, sub);
		} else if (!jsonEqual(prev, next)) {
			put((patch ??= {}), key, isObject(next) ? stripNulls(next) : next);
		}
	}
	return patch;
}

function stripNulls(obj: { [key: string]: Json }): { [key: string]: Json } {
	const out: { [key: string]: Json } = {};
	for (const [k, v] of Object.entries(obj)) {
		if (v === null) continue;
		put(out, k, isObject(v) ? stripNulls(v) : v);
	}
	return out;
}

/** Applies an RFC 7386 merge patch; returns a new document and leaves `target` untouched. */
export function applyMergePatch<T>(target: T, patch: Json): T {
	if (!isObject(patch)) return patch as T;
	const base: { [key: string]: Json } = {};
	if (isObject(target as Json)) {
		for (const [k, v] of Object.entries(target as { [key: string]: Json })) put(base, k, v);
	}
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete base[key];
		else put(base, key, applyMergePatch<Json>(get(base, key) ?? null, value));
	}
	return base as T;
}
