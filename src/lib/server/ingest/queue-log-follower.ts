/**
 * Follows an Asterisk queue_log file like `tail -F` (ASTERISK_QUEUE_LOG, docs/contract.md §8):
 * complete lines in bounded chunks through the one ingest path, the next chunk read only once
 * the previous one is stored. The position (device, inode, offset, the last line's hash) is
 * stored with the chunk's events in one transaction, so a restart — also after `kill -9` —
 * resumes exactly; rotation by rename (the old file is finished first, found by its inode in the
 * same folder if the rename happened while the server was down), copytruncate (read again from
 * 0), a last line without its newline (waits), a missing file (polled for) — see follow-plan.ts.
 * It reports to source health: `waiting` while the file is missing, `following` (with the lines
 * read, and a sign of life at each poll) while it reads, `error` with the message when a step fails.
 */
import { createHash } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { EventStore, SourcePosition } from '../db/store';
import type { Logger } from '../logger';
import {
	atEndOfFile,
	completeLength,
	resumePlan,
	sameFile,
	verifiedOffset,
	type FileId,
	type FileStat
} from './follow-plan';
import { ingestQueueLog } from './queue-log';
import type { IngestService } from './service';
import type { SourceHealth } from './source-health';

export const FOLLOW_POLL_MS = 500;
export const FOLLOW_CHUNK_BYTES = 256 * 1024;

export type QueueLogFollowerDeps = {
	file: string;
	store: Pick<EventStore, 'getPosition'>;
	ingest: Pick<IngestService, 'ingest'>;
	logger: Logger;
	/** Where the follower reports its state (under `asterisk-queue-log:<absolute path>`). */
	health?: Pick<SourceHealth, 'source'>;
	pollMs?: number;
	chunkBytes?: number;
};

export interface QueueLogFollower {
	/** Stops after the chunk in flight is stored; closes the file. */
	close(): Promise<void>;
}

type Reading = FileId & { name: string; handle: FileHandle; offset: number; rotatedSeen: boolean };

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const idOf = (s: { dev: number | bigint; ino: number | bigint }): FileId => ({
	device: String(s.dev),
	inode: String(s.ino)
});

async function statOrNull(file: string): Promise<(FileId & { size: number }) | null> {
	try {
		const s = await stat(file, { bigint: true });
		return s.isFile() ? { ...idOf(s), size: Number(s.size) } : null;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
}

export function followQueueLog(deps: QueueLogFollowerDeps): QueueLogFollower {
	const file = path.resolve(deps.file);
	const dir = path.dirname(file);
	const source = `asterisk-queue-log:${file}`;
	const pollMs = deps.pollMs ?? FOLLOW_POLL_MS;
	const chunkBytes = deps.chunkBytes ?? FOLLOW_CHUNK_BYTES;
	const { logger } = deps;
	const health = deps.health?.source(source, {
		kind: 'queue-log-file',
		name: `queue_log ${file}`,
		state: 'waiting'
	});
	let stopped = false;
	let wake: (() => void) | null = null;
	let reading: Reading | null = null;
	let waitingLogged = false;
	/** Just switched to the path's new file: the stored position (the old file's end) is done. */
	let rotated = false;

	const sleep = () =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(done, pollMs);
			function done() {
				clearTimeout(timer);
				wake = null;
				resolve();
			}
			wake = done;
		});

	async function siblings(): Promise<FileStat[]> {
		const out: FileStat[] = [];
		for (const name of await readdir(dir).catch(() => [] as string[])) {
			const s = await statOrNull(path.join(dir, name));
			if (s) out.push({ ...s, name });
		}
		return out;
	}

	/** Opens the file to read, from the stored position; false while there is none. */
	async function resume(): Promise<boolean> {
		const saved = rotated ? null : await deps.store.getPosition(source);
		const atPath = await statOrNull(file);
		const current = atPath && { ...atPath, name: path.basename(file) };
		const away = saved !== null && (current === null || !sameFile(saved, current));
		const plan = resumePlan(saved, current, away ? await siblings() : []);
		if (plan.kind === 'wait') {
			if (!waitingLogged) logger.info({ file }, 'queue_log: waiting for the file to appear');
			waitingLogged = true;
			health?.report({ state: 'waiting' });
			return false;
		}
		const handle = await open(path.join(dir, plan.name), 'r');
		const s = await handle.stat({ bigint: true });
		if (!sameFile(idOf(s), plan.file)) {
			await handle.close(); // renamed between stat and open: plan again
			return false;
		}
		let offset = plan.offset;
		if (plan.verify && saved !== null) {
			const size = Number(s.size);
			let matches = false;
			if (size >= saved.offset && saved.tailLength > 0) {
				const tail = Buffer.alloc(saved.tailLength);
				await handle.read(tail, 0, saved.tailLength, saved.offset - saved.tailLength);
				matches = sha256Hex(tail) === saved.tailSha256;
			}
			offset = verifiedOffset(saved, size, matches);
		}
		reading = { ...plan.file, name: plan.name, handle, offset, rotatedSeen: false };
		rotated = false;
		waitingLogged = false;
		health?.report({ state: 'following', alive: true, error: null });
		logger.info(
			{ file: path.join(dir, plan.name), offset, resumed: saved !== null },
			'queue_log: following'
		);
		return true;
	}

	/** Ingests `bytes` (complete lines) read at the current offset and moves past them. */
	async function consume(r: Reading, bytes: Buffer, lastLineStart: number): Promise<void> {
		const tail = bytes.subarray(lastLineStart);
		const position: SourcePosition = {
			source,
			device: r.device,
			inode: r.inode,
			offset: r.offset + bytes.length,
			tailSha256: sha256Hex(tail),
			tailLength: tail.length
		};
		const result = await ingestQueueLog(deps.ingest, bytes.toString('utf8'), { position });
		let lines = 0;
		for (const byte of bytes) if (byte === 0x0a) lines++;
		health?.report({ state: 'following', events: lines });
		if (result.rejected.length > 0) {
			logger.warn(
				{ file, offset: r.offset, rejected: result.rejected.length, first: result.rejected[0] },
				'queue_log: lines rejected'
			);
		}
		r.offset = position.offset;
	}

	/** One step; true when it made progress (read again at once), false to wait. */
	async function step(): Promise<boolean> {
		if (reading === null) return resume();
		const r = reading;
		const buffer = Buffer.alloc(chunkBytes);
		const { bytesRead } = await r.handle.read(buffer, 0, chunkBytes, r.offset);
		const bytes = buffer.subarray(0, bytesRead);
		const complete = completeLength(bytes);
		if (complete > 0) {
			r.rotatedSeen = false;
			await consume(r, bytes.subarray(0, complete), bytes.lastIndexOf(0x0a, complete - 2) + 1);
			return true;
		}
		if (bytesRead === chunkBytes) {
			// A "line" longer than a chunk: hand it over as it is (the adapter rejects it).
			await consume(r, bytes, 0);
			return true;
		}
		// The end of the file, or a last line still without its newline.
		const size = Number((await r.handle.stat()).size);
		health?.report({ state: 'following', alive: true });
		const decision = atEndOfFile(r, size, await statOrNull(file));
		if (decision.kind === 'truncated') {
			logger.info({ file, offset: r.offset, size }, 'queue_log: truncated, reading from 0');
			r.offset = 0;
			return true;
		}
		if (decision.kind === 'rotated') {
			// Give the writer one poll to finish the old file; then its last line is complete.
			if (!r.rotatedSeen) {
				r.rotatedSeen = true;
				return false;
			}
			if (bytesRead > 0) await consume(r, bytes, 0);
			logger.info({ file, finished: r.name, offset: r.offset }, 'queue_log: rotated');
			reading = null;
			rotated = true;
			await r.handle.close();
			return true;
		}
		return false;
	}

	const loop = (async () => {
		while (!stopped) {
			let progressed = false;
			try {
				progressed = await step();
			} catch (err) {
				if (stopped) break;
				logger.warn({ err, file }, 'queue_log: following failed; retrying');
				health?.report({ state: 'error', error: err instanceof Error ? err : String(err) });
			}
			if (!progressed && !stopped) await sleep();
		}
	})();

	return {
		async close() {
			stopped = true;
			wake?.();
			await loop;
			await reading?.handle.close().catch(() => {});
			reading = null;
		}
	};
}
