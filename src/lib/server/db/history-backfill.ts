/**
 * Rebuilds every history rollup from the stored events, in one transaction: readers keep seeing
 * the old rollups until it commits, never half a rebuild. The rollup tables are locked
 * (EXCLUSIVE: reads go on, appends wait at their upsert) before the snapshot is taken, so an
 * append that commits during the rebuild is neither lost nor counted twice.
 *
 * Entities are walked in keyset order through the (type, entity, at) index: a call without
 * `call.offered` and a ticket without `ticket.created` contribute nothing, so those two types
 * name every entity that counts.
 */
import { sql } from 'drizzle-orm';
import type { MetricsConfig } from '../../metrics/config';
import { RollupDelta } from '../../metrics/rollup';
import type { StoreDatabase } from './drizzle-store';
import {
	CALL_TYPES,
	clearHistory,
	createHistoryMaintenance,
	HISTORY_TABLES,
	loadEntities,
	PLAN_BY_ENTITY_INDEX,
	TICKET_TYPES,
	upsertDelta,
	type Executor
} from './history';

/** Entities per batch. */
export const BACKFILL_BATCH_ENTITIES = 5000;

export type BackfillProgress = {
	phase: 'calls' | 'tickets' | 'writing' | 'done';
	entitiesDone: number;
	entitiesTotal: number;
	eventsDone: number;
};

export type BackfillResult = {
	calls: number;
	tickets: number;
	events: number;
	callRows: number;
	ticketRows: number;
};

function rowsOf<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

async function countEntities(q: Executor, type: string): Promise<number> {
	const [row] = rowsOf<{ n: string | number }>(
		await q.execute(sql`select count(distinct entity) as n from events where type = ${type}`)
	);
	return Number(row?.n ?? 0);
}

export async function rebuildHistory(
	db: StoreDatabase,
	config: MetricsConfig,
	onProgress: (p: BackfillProgress) => void = () => {}
): Promise<BackfillResult> {
	const { rollup } = createHistoryMaintenance(config);
	return db.transaction(
		async (tx) => {
			await tx.execute(
				sql.raw(`lock table ${HISTORY_TABLES.map((t) => t.table).join(', ')} in exclusive mode`)
			);
			await tx.execute(sql`select ${PLAN_BY_ENTITY_INDEX}`);
			const delta = new RollupDelta();
			const totals = {
				calls: await countEntities(tx, 'call.offered'),
				tickets: await countEntities(tx, 'ticket.created')
			};
			const entitiesTotal = totals.calls + totals.tickets;
			let entitiesDone = 0;
			let eventsDone = 0;
			for (const phase of ['calls', 'tickets'] as const) {
				const keyType = phase === 'calls' ? 'call.offered' : 'ticket.created';
				const types = phase === 'calls' ? CALL_TYPES : TICKET_TYPES;
				let after = '';
				for (;;) {
					const batch = rowsOf<{ entity: string }>(
						await tx.execute(sql`
							select distinct entity from events
							where type = ${keyType} and entity > ${after}
							order by entity limit ${BACKFILL_BATCH_ENTITIES}`)
					).map((r) => r.entity);
					if (batch.length === 0) break;
					after = batch[batch.length - 1] as string;
					const byEntity = await loadEntities(tx, batch, types);
					for (const events of byEntity.values()) {
						eventsDone += events.length;
						if (phase === 'calls') delta.addCalls(rollup.callRows(events), 1);
						else {
							delta.addTickets(rollup.ticketRows(events), 1);
							delta.addAssessment(rollup.assessmentRows(events), 1);
							delta.addTicketsHourly(rollup.ticketHourlyRows(events), 1);
						}
					}
					entitiesDone += batch.length;
					onProgress({ phase, entitiesDone, entitiesTotal, eventsDone });
				}
			}
			onProgress({ phase: 'writing', entitiesDone, entitiesTotal, eventsDone });
			await clearHistory(tx);
			await upsertDelta(tx, delta, 0);
			onProgress({ phase: 'done', entitiesDone, entitiesTotal, eventsDone });
			return {
				calls: totals.calls,
				tickets: totals.tickets,
				events: eventsDone,
				callRows: delta.callDeltas().length,
				ticketRows: delta.ticketDeltas().length
			};
		},
		{ isolationLevel: 'repeatable read' }
	);
}
