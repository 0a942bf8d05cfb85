/**
 * Temporary PGlite folders for the tests, copied from one migrated template.
 *
 * A server started on an empty folder spends most of its start in PGlite's initdb and the
 * migrations (≈ 6 of ≈ 10 s on a 2-core machine); copying a folder that has been through both
 * takes ≈ 0.2 s. The template holds the schema only (`openDatabase` then `close`, no app, no
 * accounts, no events), so a copy is what any fresh start would produce. It lives in the system
 * temporary folder under a key of the migrations' text and PGlite's version, is built once per
 * key (in a scratch folder renamed into place, so two processes racing both end with a whole
 * template) and reused by later runs.
 *
 * Used only where `HW_PGLITE_TEMPLATE=1` (the vitest and Playwright configs set it): the
 * benchmarks and the soak keep measuring real first starts, and the tests about a first start
 * (start-up.test.ts, the restore and import tests) pass their own empty folder.
 */
import { createHash } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connect';
import { LOCK_FILE_NAME } from '../../src/lib/server/db/lock';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MIGRATIONS = path.join(ROOT, 'drizzle');

let template: Promise<string> | undefined;

export function templateEnabled(): boolean {
	return process.env.HW_PGLITE_TEMPLATE === '1';
}

/** A new temporary folder: a copy of the migrated template where enabled, else empty. */
export async function testDataDir(prefix = 'hw-data-'): Promise<string> {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	if (templateEnabled()) await copyTemplateInto(dir);
	return dir;
}

/** Fills `dir` (empty) with a copy of the migrated template, whatever `HW_PGLITE_TEMPLATE` says. */
export async function copyTemplateInto(dir: string): Promise<void> {
	cpSync(await migratedTemplate(), dir, { recursive: true });
}

/** The template's folder, built on first use. */
function migratedTemplate(): Promise<string> {
	template ??= build();
	return template;
}

function templateKey(): string {
	const hash = createHash('sha256');
	hash.update(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
	hash.update(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json')));
	for (const file of readdirSync(MIGRATIONS)
		.filter((f) => f.endsWith('.sql'))
		.sort()) {
		hash.update(file);
		hash.update(readFileSync(path.join(MIGRATIONS, file)));
	}
	return hash.digest('hex').slice(0, 16);
}

async function build(): Promise<string> {
	const final = path.join(tmpdir(), `hw-pglite-template-${templateKey()}`);
	if (existsSync(path.join(final, 'PG_VERSION'))) return final;
	const scratch = mkdtempSync(path.join(tmpdir(), 'hw-pglite-template-build-'));
	const database = await openDatabase({ dataDir: scratch, migrationsFolder: MIGRATIONS });
	await database.close();
	rmSync(path.join(scratch, LOCK_FILE_NAME), { force: true });
	try {
		renameSync(scratch, final);
	} catch (error) {
		// Another process put its template in place first: use that one.
		rmSync(scratch, { recursive: true, force: true });
		if (!existsSync(path.join(final, 'PG_VERSION'))) throw error;
	}
	return final;
}
