/** Reading the history rollup tables whole, for comparisons in tests. */
import { sql } from 'drizzle-orm';
import { HISTORY_TABLES, type Executor } from '../../src/lib/server/db/history';

export type RollupTables = Record<string, Array<Record<string, string | number>>>;

/** Every table's non-zero rows summed over shards as plain JSON (dates as 'YYYY-MM-DD'), sorted by key. */
export async function readRollups(q: Executor): Promise<RollupTables> {
	const out: RollupTables = {};
	for (const t of HISTORY_TABLES) {
		const keys = t.keys.map((k) => k.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
		const counts = t.counts.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`));
		const result = await q.execute(
			sql.raw(`select coalesce(json_agg(r order by ${keys.join(', ')}), '[]')::text as rows
				from (select ${keys.map((k, i) => (t.keys[i]?.type === 'date' ? `${k}::text as ${k}` : k)).join(', ')},
						${counts.map((c) => `sum(${c})::float8 as ${c}`).join(', ')}
					from ${t.table} group by ${keys.join(', ')}
					having ${counts.map((c) => `sum(${c}) <> 0`).join(' or ')}) r`)
		);
		const [row] = (result as unknown as { rows: { rows: string }[] }).rows;
		out[t.table] = JSON.parse(row?.rows ?? '[]');
	}
	return out;
}
