/** The PGlite folder lock's liveness check: a pid reused by a process started at another time. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireFolderLock, LOCK_FILE_NAME, processStart } from './lock';

const dirs: string[] = [];
const tempDir = () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'hw-lock-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('acquireFolderLock', () => {
	it('takes over a lock whose live pid was started at another time (pid reused)', () => {
		const dir = tempDir();
		const parent = process.ppid;
		writeFileSync(path.join(dir, LOCK_FILE_NAME), `${parent}\n1\n`);
		const lock = acquireFolderLock(dir);
		lock.release();
	});

	it('refuses a lock held by a live process with the recorded start time', () => {
		const dir = tempDir();
		const parent = process.ppid;
		writeFileSync(path.join(dir, LOCK_FILE_NAME), `${parent}\n${processStart(parent)}\n`);
		expect(() => acquireFolderLock(dir)).toThrow(`in use by pid ${parent}`);
	});

	it('still refuses an old lock file holding only a live pid', () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
		expect(() => acquireFolderLock(dir)).toThrow(`in use by pid ${process.ppid}`);
	});
});
