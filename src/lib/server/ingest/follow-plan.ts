/**
 * The file follower's decisions, pure (queue-log-follower.ts does the I/O): where to resume from a
 * stored position, what the end of a file means (wait, truncated, rotated), and how much of a
 * read is complete lines. A file is known by its device and inode, not its name: rotation by
 * rename keeps the inode under a new name, copytruncate keeps the inode and shrinks the file.
 */

export type FileId = { device: string; inode: string };
export type FileStat = FileId & { name: string; size: number };
/** A stored position: the end of the last complete line read, and that line's hash and length. */
export type Position = FileId & { offset: number; tailSha256: string; tailLength: number };

export const sameFile = (a: FileId, b: FileId) => a.device === b.device && a.inode === b.inode;

export type ResumePlan =
	/** Nothing to read yet: the file does not exist (poll for it). */
	| { kind: 'wait' }
	/** Open `name`; start at `offset` once the stored tail is checked there (`verify`). */
	| { kind: 'open'; name: string; file: FileId; offset: number; verify: boolean };

/**
 * Where to start. `current` is the followed path's file (null: missing); `siblings` the files in
 * its folder. The stored file, if it is no longer at the path, is finished first wherever
 * rotation moved it in the same folder (found by device and inode); a stored file that is gone
 * (deleted, compressed) cannot be finished: the path's file is read from its start.
 */
export function resumePlan(
	saved: Position | null,
	current: FileStat | null,
	siblings: readonly FileStat[]
): ResumePlan {
	const fromStart = (f: FileStat | null): ResumePlan =>
		f === null
			? { kind: 'wait' }
			: { kind: 'open', name: f.name, file: f, offset: 0, verify: false };
	if (saved === null) return fromStart(current);
	if (current !== null && sameFile(saved, current)) {
		return { kind: 'open', name: current.name, file: current, offset: saved.offset, verify: true };
	}
	const moved = siblings.find((f) => sameFile(f, saved));
	if (moved)
		return { kind: 'open', name: moved.name, file: moved, offset: saved.offset, verify: true };
	return fromStart(current);
}

/**
 * The offset to read from in the stored file, given its size now and whether the bytes before
 * the stored offset are the stored last line: shorter than the offset, or other bytes there,
 * means it was truncated (copytruncate) and maybe rewritten since: read it again from 0.
 */
export function verifiedOffset(saved: Position, size: number, tailMatches: boolean): number {
	if (size < saved.offset) return 0;
	if (saved.offset > 0 && saved.tailLength > 0 && !tailMatches) return 0;
	return saved.offset;
}

export type EofDecision =
	/** Nothing new: poll again later. */
	| { kind: 'wait' }
	/** The file we read shrank below our offset: copytruncate; read it again from 0. */
	| { kind: 'truncated' }
	/** Another file is at the path now and ours is read to its end: switch to the path's file. */
	| { kind: 'rotated' };

/**
 * At the end of the file being read (a read returned nothing). `size` is that file's size now
 * (fstat), `atPath` the file at the followed path now (null: missing, e.g. between the rename and
 * the new file's creation: keep the old file and wait).
 */
export function atEndOfFile(
	reading: FileId & { offset: number },
	size: number,
	atPath: FileId | null
): EofDecision {
	if (size < reading.offset) return { kind: 'truncated' };
	if (atPath !== null && !sameFile(atPath, reading)) return { kind: 'rotated' };
	return { kind: 'wait' };
}

/** How many bytes of `bytes` are complete lines (up to and including the last `\n`). */
export function completeLength(bytes: Uint8Array): number {
	return bytes.lastIndexOf(0x0a) + 1;
}
