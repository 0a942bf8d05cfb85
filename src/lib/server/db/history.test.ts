/**
 * The rollups through the real store (embedded PGlite): kept by `append` in any order and any
 * chunking, they equal the backfill from scratch and the pure contributions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallboardEvent } from '../../contract/events';
import { DEFAULT_METRICS_CONFIG } from '../../metrics/config';
import { createRollup, reapply, RollupDelta } from '../../metrics/rollup';
import { ev } from '../../../../tests/fixtures/events';
import { chunked, scenarioArb } from '../../../../tests/fixtures/history-scenario';
import { readRollups } from '../../../../tests/helpers/history';
import { clearHistory } from './history';
import { rebuildHistory } from './history-backfill';
import { openStore, type OpenedStore as EventStore } from './store';

const RULES = { ...DEFAULT_METRICS_CONFIG, serviceLevelTargetByQueueMs: { water: 30_000 } };
const RECEIVED = Date.parse('2026-03-05T00:00:00Z');

let dir: string;
let store: EventStore;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'hw-history-'));
	store = await openStore({ dataDir: dir, history: RULES });
}, 60_000);

afterAll(async () => {
	await store?.close();
	rmSync(dir, { recursive: true, force: true });
});

async function reset() {
	await store.db.execute(sql`delete from events`);
	await clearHistory(store.db);
}

describe('history rollups kept by append (PGlite)', () => {
	it('a hand-worked call and ticket, in three appends, out of order', async () => {
		await reset();
		await store.append(
			[
				ev.answered('a', 'c1', '2026-03-02T00:10:12Z'),
				ev.dispatched('d', 't1', '2026-03-02T03:00:00Z', '水务局')
			],
			RECEIVED
		);
		await store.append(
			[
				ev.offered('o', 'c1', 'hotline', '2026-03-02T00:10:00Z'),
				ev.created('c', 't1', 'livelihood', '2026-03-02T02:00:00Z', {
					district: '朝阳区',
					topic: '停水'
				})
			],
			RECEIVED
		);
		// A duplicate and the call's end.
		await store.append(
			[
				ev.offered('o', 'c1', 'hotline', '2026-03-02T00:10:00Z'),
				ev.ended('x', 'c1', '2026-03-02T00:20:12Z')
			],
			RECEIVED
		);
		const calls = {
			queue: 'hotline',
			offered: 1,
			answered: 1,
			answered_within_target: 1,
			abandoned: 0,
			wait_ms_sum: 12_000,
			ended: 0,
			talk_ms_sum: 0
		};
		const tickets = {
			created: 1,
			dispatched: 1,
			dispatched_on_time: 1,
			dispatched_late: 0,
			feedback_resolved: 0,
			feedback_unresolvable: 0,
			feedback_unreasonable: 0,
			surveyed: 0,
			responded: 0,
			resolved: 0,
			satisfied: 0
		};
		const dims = { category: 'livelihood', district: '朝阳区', department: '水务局' };
		const assessment = {
			district: '朝阳区',
			street: '',
			department: '水务局',
			topic: '停水', // the ticket.created's topic (line 57)
			created: 1,
			surveyed: 0,
			responded: 0,
			resolved: 0,
			satisfied: 0
		};
		const expected = {
			history_calls_15m: [
				{ day: '2026-03-02', minute: 480, ...calls },
				{
					day: '2026-03-02',
					minute: 495,
					...calls,
					offered: 0,
					answered: 0,
					answered_within_target: 0,
					wait_ms_sum: 0,
					ended: 1,
					talk_ms_sum: 600_000
				}
			],
			history_calls_daily: [{ day: '2026-03-02', ...calls, ended: 1, talk_ms_sum: 600_000 }],
			history_tickets_daily: [{ day: '2026-03-02', ...dims, ...tickets }],
			history_tickets_monthly: [{ month: '2026-03-01', ...dims, ...tickets }],
			history_tickets_totals_daily: [{ day: '2026-03-02', ...tickets }],
			history_assessment_daily: [{ day: '2026-03-02', ...assessment }],
			history_assessment_monthly: [{ month: '2026-03-01', ...assessment }],
			// 02:00Z is 10:00 in Beijing; the topic is read back from the stored payload.
			history_tickets_hourly: [
				{ day: '2026-03-02', hour: 10, district: '朝阳区', topic: '停水', created: 1 }
			]
		};
		expect(await readRollups(store.db)).toEqual(expected);
		await rebuildHistory(store.db, RULES);
		expect(await readRollups(store.db)).toEqual(expected);
	});

	it('any order and chunking through append equals the backfill and the pure sums', async () => {
		const rollup = createRollup(RULES);
		await fc.assert(
			fc.asyncProperty(
				scenarioArb.chain((events) =>
					fc.tuple(
						fc.constant(events),
						fc.shuffledSubarray(events, { minLength: events.length }),
						fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 })
					)
				),
				async ([events, shuffled, sizes]) => {
					await reset();
					for (const chunk of chunked(shuffled, sizes)) await store.append(chunk, RECEIVED);
					const kept = await readRollups(store.db);
					await rebuildHistory(store.db, RULES);
					expect(await readRollups(store.db)).toEqual(kept);

					const pure = new RollupDelta();
					const byEntity = new Map<string, WallboardEvent[]>();
					for (const e of events) {
						const key =
							'callId' in e && e.type.startsWith('call.')
								? `c:${e.callId}`
								: `t:${(e as { ticketId: string }).ticketId}`;
						byEntity.set(key, [...(byEntity.get(key) ?? []), e]);
					}
					for (const [key, list] of byEntity)
						reapply(pure, rollup, key.startsWith('c:') ? 'call' : 'ticket', list, () => true);
					expect(kept.history_calls_15m).toEqual(
						pure
							.callDeltas()
							.map((r) => ({
								day: r.day,
								minute: r.minute,
								queue: r.queue,
								offered: r.offered,
								answered: r.answered,
								answered_within_target: r.answeredWithinTarget,
								abandoned: r.abandoned,
								wait_ms_sum: r.waitMsSum,
								ended: r.ended,
								talk_ms_sum: r.talkMsSum
							}))
							.sort(
								(a, b) =>
									a.day.localeCompare(b.day) ||
									a.minute - b.minute ||
									a.queue.localeCompare(b.queue)
							)
					);
					expect(kept.history_tickets_daily!.length).toBe(pure.ticketDeltas().length);
				}
			),
			{ numRuns: 40 }
		);
	}, 120_000);
});
