/**
 * The queue_log follower's source health, on a real file in a temporary folder: `waiting` while
 * the file is missing, `following` with the lines read once it appears, `error` with the message
 * while a step fails (here: the database refuses the chunk), then `following` again.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { followQueueLog, type QueueLogFollower } from './queue-log-follower';
import { createSourceHealth, type SourceHealth, type SourceView } from './source-health';

const LINES = [
	'1700000000|1.1|hotline|NONE|ENTERQUEUE||13800138000|1',
	'1700000004|1.1|hotline|PJSIP/801|CONNECT|4|1.2|2',
	'1700000090|1.1|hotline|PJSIP/801|COMPLETECALLER|4|86|1'
];

async function until(what: string, check: () => boolean, timeoutMs = 5000) {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('the queue_log follower reports to source health', () => {
	const cleanup: Array<() => unknown> = [];
	afterEach(async () => {
		for (const f of cleanup.splice(0).reverse()) await f();
	});

	function setup() {
		const dir = mkdtempSync(path.join(tmpdir(), 'hw-follow-'));
		const file = path.join(dir, 'queue_log');
		const health: SourceHealth = createSourceHealth({ now: Date.now, staleMs: 60_000 });
		let failWith: Error | null = null;
		const stored: unknown[] = [];
		const follower: QueueLogFollower = followQueueLog({
			file,
			store: { getPosition: async () => null },
			ingest: {
				async ingest(items) {
					if (failWith) throw failWith;
					stored.push(...items);
					return { accepted: items.length, duplicates: 0, rejected: [] };
				}
			},
			logger: createLogger('silent'),
			health,
			pollMs: 10
		});
		cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
		cleanup.push(() => health.close());
		cleanup.push(() => follower.close());
		const view = (): SourceView => {
			const views = health.list();
			expect(views).toHaveLength(1);
			return views[0]!;
		};
		return { file, view, stored, fail: (err: Error | null) => (failWith = err) };
	}

	it('waiting while the file is missing, following with the lines read, error with the message', async () => {
		const { file, view, stored, fail } = setup();
		await new Promise((r) => setTimeout(r, 50));
		expect(view()).toMatchObject({
			key: `asterisk-queue-log:${file}`,
			kind: 'queue-log-file',
			name: `queue_log ${file}`,
			state: 'waiting',
			lastEventAt: null,
			eventsPerMinute: 0,
			lastError: null,
			staleSince: null
		});

		writeFileSync(file, LINES.slice(0, 2).join('\n') + '\n');
		await until('two events stored', () => stored.length === 2);
		await until('following', () => view().state === 'following');
		expect(view()).toMatchObject({ state: 'following', eventsPerMinute: 2, lastError: null });
		expect(view().lastEventAt).toEqual(expect.any(Number));

		fail(new Error('the database is unavailable; nothing was accepted, retry later'));
		appendFileSync(file, LINES[2] + '\n');
		await until('error', () => view().state === 'error');
		expect(view()).toMatchObject({
			state: 'error',
			lastError: 'the database is unavailable; nothing was accepted, retry later',
			eventsPerMinute: 2
		});
		expect(stored).toHaveLength(2);

		fail(null);
		await until('the third event stored', () => stored.length === 3);
		await until('following again', () => view().state === 'following');
		expect(view()).toMatchObject({ state: 'following', eventsPerMinute: 3 });
	});
});
