/**
 * `npm run demo`'s first step: builds only when the build is missing or older than what it is
 * built from (src/lib/build/freshness.ts); otherwise says so and starts at once. `--force` (or
 * HW_FORCE_BUILD=1) always builds. The build folder is HW_BUILD_DIR, `build/` by default.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUILD_INPUTS, BUILD_MARKER, buildDecision, type Stamp } from '../src/lib/build/freshness';

const root = path.resolve(import.meta.dirname, '..');

function stamps(rel: string, out: Stamp[]) {
	const abs = path.join(root, rel);
	let st;
	try {
		st = statSync(abs);
	} catch {
		return;
	}
	out.push({ path: rel, mtimeMs: st.mtimeMs });
	if (st.isDirectory()) {
		for (const name of readdirSync(abs)) stamps(path.join(rel, name), out);
	}
}

const buildDir = process.env.HW_BUILD_DIR || 'build';
let builtAt: number | null;
try {
	builtAt = statSync(path.join(root, buildDir, BUILD_MARKER)).mtimeMs;
} catch {
	builtAt = null;
}
const inputs: Stamp[] = [];
for (const rel of BUILD_INPUTS) stamps(rel, inputs);
const force = process.argv.includes('--force') || process.env.HW_FORCE_BUILD === '1';
const decision = force
	? ({ build: true, reason: 'forced' } as const)
	: buildDecision(builtAt, inputs);

if (!decision.build) {
	process.stdout.write(
		`Build is up to date (${buildDir}/ is newer than every source): not rebuilding.\n`
	);
	process.exit(0);
}
const why =
	decision.reason === 'changed'
		? `${decision.newest.path} changed after the last build`
		: decision.reason === 'no-build'
			? `no build in ${buildDir}/`
			: 'forced';
process.stdout.write(`Building (${why})…\n`);
const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
