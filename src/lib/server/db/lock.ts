/**
 * A lock file that keeps a PGlite folder to one process. PGlite gives no error when two processes
 * open the same folder: one's writes are silently lost. The lock holds the owner's pid; a lock
 * whose pid is dead (kill -9, crash) is stale and taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = '.wallboard.lock';

type LockLogger = { warn(o: object, msg?: string): void };

export interface FolderLock {
	readonly path: string;
	/** Removes the lock file if it is still ours. Idempotent. */
	release(): void;
}

/**
 * Lock files this process holds. Needed to tell "our own pid, still open here" (refuse) from
 * "our pid, left by an earlier process that had the same pid" (stale, e.g. pid 1 in a container).
 */
const heldByThisProcess = new Set<string>();

/** Takes `<dir>/.wallboard.lock` for this process; throws when another live process holds it. */
export function acquireFolderLock(dir: string, logger?: LockLogger): FolderLock {
	const lockPath = path.join(path.resolve(dir), LOCK_FILE_NAME);
	if (heldByThisProcess.has(lockPath)) {
		throw new Error(
			`PGlite data folder ${dir} is already open in this process (pid ${process.pid}): ` +
				'close the first store before opening it again.'
		);
	}
	for (let attempt = 0; attempt < 5; attempt++) {
		if (tryCreate(lockPath)) {
			heldByThisProcess.add(lockPath);
			return {
				path: lockPath,
				release: () => release(lockPath)
			};
		}
		const content = readOrNull(lockPath);
		if (content === null) continue; // removed meanwhile: try again
		const pid = parsePid(content);
		if (pid !== null && pid !== process.pid && isAlive(pid)) {
			throw new Error(
				`PGlite data folder ${dir} is in use by pid ${pid} (lock file ${lockPath}). ` +
					'PGlite serves one process only; to run several instances, set DATABASE_URL to a ' +
					'PostgreSQL database. If pid ' +
					pid +
					' is not a wallboard server, stop it or delete the lock file.'
			);
		}
		logger?.warn(
			{ lockPath, stalePid: pid, content: pid === null ? content.slice(0, 64) : undefined },
			'taking over a stale PGlite lock file (its process is gone)'
		);
		// Remove it only if nobody replaced it since we read it.
		if (readOrNull(lockPath) === content) fs.rmSync(lockPath, { force: true });
	}
	throw new Error(`could not take the lock file ${lockPath}: it keeps changing`);
}

/** Creates the lock atomically with its content in place (no reader ever sees it empty). */
function tryCreate(lockPath: string): boolean {
	const tmp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	fs.writeFileSync(tmp, `${process.pid}\n`);
	try {
		fs.linkSync(tmp, lockPath);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	} finally {
		fs.rmSync(tmp, { force: true });
	}
}

function release(lockPath: string): void {
	if (!heldByThisProcess.delete(lockPath)) return;
	if (parsePid(readOrNull(lockPath) ?? '') === process.pid) fs.rmSync(lockPath, { force: true });
}

function readOrNull(file: string): string | null {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

function parsePid(content: string): number | null {
	const text = content.trim();
	if (!/^\d+$/.test(text)) return null;
	const pid = Number(text);
	return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
