import { describe, expect, it } from 'vitest';
import { buildDecision } from './freshness';

const at = (path: string, mtimeMs: number) => ({ path, mtimeMs });

describe('buildDecision', () => {
	it('builds when there is no build', () => {
		expect(buildDecision(null, [at('src', 100)])).toStrictEqual({ build: true, reason: 'no-build' });
	});
	it('does not build when the build is newer than every input (the 13.6 s a restart wasted)', () => {
		expect(buildDecision(500, [at('src', 100), at('src/app.html', 400), at('package.json', 50)])).toStrictEqual({
			build: false,
			newest: at('src/app.html', 400)
		});
	});
	it('builds when one file changed after the build, naming the newest', () => {
		expect(
			buildDecision(500, [at('src', 100), at('src/routes/+page.svelte', 501), at('src/a.ts', 700)])
		).toStrictEqual({ build: true, reason: 'changed', newest: at('src/a.ts', 700) });
	});
	it('builds when a folder changed after the build (a source added or deleted)', () => {
		expect(buildDecision(500, [at('src/lib', 650), at('src/lib/x.ts', 10)])).toStrictEqual({
			build: true,
			reason: 'changed',
			newest: at('src/lib', 650)
		});
	});
	it('a file as old as the build does not count as changed', () => {
		expect(buildDecision(500, [at('src/a.ts', 500)]).build).toBe(false);
	});
	it('with no inputs found, an existing build stands', () => {
		expect(buildDecision(500, [])).toStrictEqual({ build: false, newest: null });
	});
});
