/**
 * importFiles on a hand-written queue_log file and an in-memory store: what is stored, what is
 * kept out of the live restore (old agent states, old calls never answered or abandoned), what
 * is rejected, and that a second run counts every event as a duplicate.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract/events';
import { importFiles } from './import';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const RECENT = NOW / 1000 - 3600; // an hour ago: inside the live window
const dir = mkdtempSync(path.join(tmpdir(), 'hw-import-unit-'));
const file = path.join(dir, 'queue_log');
writeFileSync(
	file,
	[
		'1000000000|NONE|support|SIP/1001|ADDMEMBER|',
		'1000000010|c1|support|NONE|ENTERQUEUE||13800000000|1',
		'1000000020|c1|support|SIP/1001|CONNECT|10|b1|2',
		'1000000030|c2|support|NONE|ENTERQUEUE||13800000001|1',
		'1000000040|c1|support|SIP/1001|COMPLETECALLER|10|20|1',
		`${RECENT}|c3|support|NONE|ENTERQUEUE||13800000002|1`,
		'garbage',
		'',
		'1000000050|c4|support|SIP/1001|RINGNOANSWER|1000',
		''
	].join('\n')
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memoryStore() {
	const stored: WallboardEvent[] = [];
	const ids = new Set<string>();
	return {
		stored,
		async append(events: readonly WallboardEvent[]) {
			const inserted = new Set<string>();
			for (const e of events) {
				if (ids.has(e.id)) continue;
				ids.add(e.id);
				inserted.add(e.id);
				stored.push(e);
			}
			return inserted;
		}
	};
}

describe('importFiles (queue-log)', () => {
	const store = memoryStore();
	const run = () =>
		importFiles({ store, format: 'queue-log', files: [file], now: NOW, batchEvents: 2 });

	it('stores settled and recent calls, keeps old open calls and old agent states out', async () => {
		const summary = await run();
		expect(store.stored.map((e) => [e.type, 'callId' in e ? e.callId : '', e.at])).toEqual([
			['call.offered', 'c1', 1_000_000_010_000],
			['call.answered', 'c1', 1_000_000_020_000],
			['call.ended', 'c1', 1_000_000_040_000],
			['call.offered', 'c3', RECENT * 1000]
		]);
		expect(summary).toMatchObject({
			files: 1,
			records: 8,
			events: 4,
			accepted: 4,
			duplicates: 0,
			rejected: 1,
			rejectedSamples: [
				{
					file,
					line: 7,
					errors: ['line: expected epoch|callid|queuename|agent|event|…, got 1 field(s)']
				}
			],
			skipped: {
				'agent.state older than the live window (history keeps no agent states)': 1,
				'call.offered older than the live window with no answer or abandon in the import': 1,
				'RINGNOANSWER carries nothing for the wallboard': 1
			}
		});
	});

	it('a second run: every event a duplicate, nothing stored', async () => {
		const summary = await run();
		expect(summary).toMatchObject({ events: 4, accepted: 0, duplicates: 4, rejected: 1 });
		expect(store.stored).toHaveLength(4);
	});
});
