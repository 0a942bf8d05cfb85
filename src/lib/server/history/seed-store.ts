/**
 * Writes generated history (seed.ts) into the rollup tables, in batches of days, in one
 * transaction (an interrupted seed leaves nothing behind).
 */
import { sql } from 'drizzle-orm';
import { RollupDelta } from '../../metrics/rollup';
import { clearHistory, HISTORY_TABLES, upsertDelta } from '../db/history';
import type { StoreDatabase } from '../db/drizzle-store';
import type { SeedDay } from './seed';

/** Days per batch of upserts. */
const SEED_BATCH_DAYS = 20;

export type SeedProgress = {
	daysDone: number;
	daysTotal: number;
	calls: number;
	tickets: number;
	rows: number;
};

/** Rows in the rollup tables, all tables together. */
export async function countHistoryRows(db: StoreDatabase): Promise<number> {
	let n = 0;
	for (const t of HISTORY_TABLES) {
		const result = await db.execute(sql.raw(`select count(*)::int as n from ${t.table}`));
		n += Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
	}
	return n;
}

export async function writeSeed(
	db: StoreDatabase,
	days: Iterable<SeedDay>,
	options: { daysTotal: number; replace: boolean; onProgress?: (p: SeedProgress) => void }
): Promise<SeedProgress> {
	return db.transaction(async (tx) => {
		if (options.replace) await clearHistory(tx);
		const progress: SeedProgress = {
			daysDone: 0,
			daysTotal: options.daysTotal,
			calls: 0,
			tickets: 0,
			rows: 0
		};
		let batch = new RollupDelta();
		let inBatch = 0;
		const flush = async () => {
			if (inBatch === 0) return;
			await upsertDelta(tx, batch, 0);
			batch = new RollupDelta();
			inBatch = 0;
			options.onProgress?.({ ...progress });
		};
		for (const d of days) {
			batch.addCalls(d.calls, 1);
			batch.addTickets(d.tickets, 1);
			batch.addAssessment(d.assessment, 1);
			for (const c of d.calls) progress.calls += c.offered;
			for (const t of d.tickets) progress.tickets += t.created;
			progress.rows += d.calls.length + d.tickets.length + d.assessment.length;
			progress.daysDone += 1;
			if (++inBatch >= SEED_BATCH_DAYS) await flush();
		}
		await flush();
		return progress;
	});
}
