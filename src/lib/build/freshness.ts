/**
 * Does `npm run demo` need to build? Yes when there is no build, or when any file or folder the
 * build reads (sources, static files, the package lock, the configs) changed after the build was
 * written: a folder's time changes when a file in it is added, removed or renamed, so a deleted
 * source counts too. Pure: the script (scripts/build-if-stale.ts) reads the times.
 */

/** What the build reads, relative to the project root (folders are walked). */
export const BUILD_INPUTS = [
	'src',
	'static',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json'
] as const;

/** The file whose time is the build's: written last by adapter-node. */
export const BUILD_MARKER = 'handler.js';

export type Stamp = { path: string; mtimeMs: number };

export type BuildDecision =
	{ build: true; reason: 'no-build' } | { build: true; reason: 'changed'; newest: Stamp } | { build: false; newest: Stamp | null };

/** `builtAtMs`: the marker's time, null when there is no build. */
export function buildDecision(builtAtMs: number | null, inputs: readonly Stamp[]): BuildDecision {
	let newest: Stamp | null = null;
	for (const s of inputs) {
		if (newest === null || s.mtimeMs > newest.mtimeMs) newest = s;
	}
	if (builtAtMs === null) return { build: true, reason: 'no-build' };
	if (newest !== null && newest.mtimeMs > builtAtMs) return { build: true, reason: 'changed', newest };
	return { build: false, newest };
}
