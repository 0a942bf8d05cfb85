/**
 * A lock file that keeps a PGlite folder to one process. PGlite gives no error when two processes
 * open the same folder: one's writes are silently lost. The lock holds the owner's pid and its
 * start time (/proc/PID/stat field 22, where /proc exists); a lock whose pid is dead (kill -9,
 * crash), a zombie not yet reaped (state Z: `kill -9` of `npm start`'s process group leaves one
 * for a few seconds), or a pid reused by a process started at another time is stale and taken
 * over. A holder that looks alive is watched for up to LOCK_WAIT_MS before the start is refused.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = '.wallboard.lock';
/** How long a lock whose holder looks alive is watched before refusing (it may be dying). */
export const LOCK_WAIT_MS = 1500;

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
		if (pid !== null && pid !== process.pid && holderAlive(pid, parseStart(content))) {
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
	const start = processStart(process.pid);
	fs.writeFileSync(tmp, start === null ? `${process.pid}\n` : `${process.pid}\n${start}\n`);
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

/** The first line: the holder's pid (older lock files hold only that). */
function parsePid(content: string): number | null {
	const lines = content.trim().split('\n');
	const first = lines[0] ?? '';
	if (lines.length > 2 || !/^\d+$/.test(first)) return null;
	const pid = Number(first);
	return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** The second line, when present: the holder's start time in clock ticks since boot. */
function parseStart(content: string): string | null {
	const line = content.trim().split('\n')[1]?.trim();
	return line && /^\d+$/.test(line) ? line : null;
}

/** Fields of /proc/PID/stat after the command name; null where /proc is not available. */
function procStat(pid: number): string[] | null {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return text.slice(text.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/** Field 22 of /proc/PID/stat (start time since boot), or null. */
export function processStart(pid: number): string | null {
	return procStat(pid)?.[19] ?? null;
}

/**
 * True when the lock's holder is a live process: not gone, not a zombie (field 3 `Z`), and
 * started when the lock says (a pid reused by another program is not the holder). A holder that
 * looks alive is watched for a short while: a process group just killed may still be dying.
 */
export function holderAlive(pid: number, start: string | null, waitMs = LOCK_WAIT_MS): boolean {
	const deadline = Date.now() + waitMs;
	for (;;) {
		if (!isAlive(pid)) return false;
		const stat = procStat(pid);
		if (stat !== null) {
			if (stat[0] === 'Z' || stat[0] === 'X') return false;
			if (start !== null && stat[19] !== start) return false;
		}
		if (Date.now() >= deadline) return true;
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
	}
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

/** The live process holding `<dir>`'s lock, or null when none does. */
export function lockHolder(dir: string): number | null {
	const content = readOrNull(path.join(path.resolve(dir), LOCK_FILE_NAME));
	if (content === null) return null;
	const pid = parsePid(content);
	return pid !== null && holderAlive(pid, parseStart(content), 0) ? pid : null;
}
