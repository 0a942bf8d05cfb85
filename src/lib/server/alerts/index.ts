/**
 * Threshold alerts on the server: once a second the live snapshot is evaluated against the
 * wall's thresholds (metrics/alerts.ts), the `alerts` table is brought in line (raise, update,
 * clear), and the list of active and recently cleared alerts is pushed to every screen when it
 * changed. With several instances the table is the truth: raising is an insert that the partial
 * unique index turns into a no-op for a key already active, and every instance re-reads the list,
 * so an acknowledgement on one reaches the screens of all within a second.
 */
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Alert, AlertLevel, AlertList, Snapshot, Thresholds } from '../../contract';
import {
	ALERT_ESCALATE_MS,
	DEFAULT_ALERT_HOLDS,
	dueForEscalation,
	EMPTY_HOLD_STATE,
	evaluateBreaches,
	parseAlertKey,
	reconcileWithHolds,
	SURGE_METRIC,
	type AlertHolds,
	type Breach,
	type HoldState
} from '../../metrics/alerts';
import { alerts } from '../db/alerts-schema';
import type { StoreDatabase } from '../db/drizzle-store';
import type { Logger } from '../logger';

/** Evaluation period. */
export const ALERT_EVALUATION_INTERVAL_MS = 1000;
/** Cleared alerts stay in the list this long (the wall shows them as "cleared"). */
export const RECENT_ALERTS_MS = 3600_000;
/** At most this many cleared alerts in the list. */
export const RECENT_ALERTS_MAX = 20;

type AlertRow = typeof alerts.$inferSelect;

export type AckResult =
	{ status: 'acked'; alert: Alert } | { status: 'not-found' } | { status: 'already'; alert: Alert };

export interface AlertService {
	/** The list last read from the database. */
	current(): AlertList;
	/** Reads the list afresh (GET /api/v1/alerts). */
	list(): Promise<AlertList>;
	/** Acknowledges alert `id` as `by` (a staff username); pushes the change at once. */
	ack(id: number, by: string): Promise<AckResult>;
	/** One evaluation (the timer runs it every second; tests call it directly). */
	evaluate(): Promise<void>;
	start(): void;
	close(): Promise<void>;
}

export type AlertServiceDeps = {
	db: StoreDatabase;
	logger: Logger;
	now: () => number;
	/**
	 * The live snapshot and thresholds, or null when the live state is not trustworthy now (the
	 * shared log is behind, or the day is still being replayed): nothing is raised or cleared
	 * then, and the holds start again from zero once it is.
	 */
	inputs: () => { snapshot: Snapshot; thresholds: Thresholds } | null;
	/** How long a figure must stay red before it is raised, and green before it clears. */
	holds?: AlertHolds;
	/** An unacknowledged red alert escalates this long after it was raised. */
	escalateMs?: number;
	/**
	 * Breaches found elsewhere (the surge watch, server/surge.ts), all of metric `surge`; null
	 * while not known (before its first scan): active surge alerts are then left as they are.
	 */
	surgeBreaches?: () => Breach[] | null;
	/** Long calls, wrap-ups and breaks of agents now (metrics/alerts.ts evaluateAgentBreaches). */
	agentBreaches?: (thresholds: Thresholds, now: number) => Breach[];
	/** The list changed: push it to every screen. */
	onChange: (list: AlertList) => void;
};

export function toAlert(row: AlertRow): Alert {
	const { metric, scope } = parseAlertKey(row.key);
	return {
		id: row.id,
		key: row.key,
		metric,
		scope,
		level: row.level as AlertLevel,
		value: row.value,
		raisedAt: row.raisedAt.toISOString(),
		clearedAt: row.clearedAt?.toISOString() ?? null,
		ackedAt: row.ackedAt?.toISOString() ?? null,
		ackedBy: row.ackedBy ?? null,
		escalatedAt: row.escalatedAt?.toISOString() ?? null
	};
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
	const { db, logger, now } = deps;
	let last: AlertList = { active: [], recent: [] };
	let lastJson = JSON.stringify(last);
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let closed = false;
	let holdState: HoldState = EMPTY_HOLD_STATE;
	const holds = deps.holds ?? DEFAULT_ALERT_HOLDS;
	const escalateMs = deps.escalateMs ?? ALERT_ESCALATE_MS;

	async function readList(): Promise<AlertList> {
		const since = new Date(now() - RECENT_ALERTS_MS);
		const rows = await db
			.select()
			.from(alerts)
			.where(or(isNull(alerts.clearedAt), gt(alerts.clearedAt, since)))
			.orderBy(desc(alerts.raisedAt), desc(alerts.id))
			.limit(200);
		const active = rows.filter((r) => r.clearedAt === null).map(toAlert);
		const recent = rows
			.filter((r) => r.clearedAt !== null)
			.sort((a, b) => (b.clearedAt?.getTime() ?? 0) - (a.clearedAt?.getTime() ?? 0))
			.slice(0, RECENT_ALERTS_MAX)
			.map(toAlert);
		return { active, recent };
	}

	async function publish(): Promise<AlertList> {
		const list = await readList();
		const json = JSON.stringify(list);
		last = list;
		if (json !== lastJson) {
			lastJson = json;
			deps.onChange(list);
		}
		return list;
	}

	async function reconcile(): Promise<void> {
		const inputs = deps.inputs();
		if (inputs === null) holdState = EMPTY_HOLD_STATE;
		else {
			const t = now();
			const breaches = evaluateBreaches(inputs.snapshot, inputs.thresholds);
			breaches.push(...(deps.agentBreaches?.(inputs.thresholds, t) ?? []));
			const surges = deps.surgeBreaches?.() ?? null;
			if (surges !== null) breaches.push(...surges);
			const activeRows = (
				await db
					.select({ key: alerts.key, level: alerts.level, value: alerts.value })
					.from(alerts)
					.where(isNull(alerts.clearedAt))
			).filter((r) => surges !== null || parseAlertKey(r.key).metric !== SURGE_METRIC);
			const held = reconcileWithHolds(
				activeRows.map((r) => ({ key: r.key, level: r.level as AlertLevel, value: r.value })),
				breaches,
				holdState,
				t,
				holds
			);
			holdState = held.state;
			const changes = held.changes;
			if (changes.raise.length > 0) {
				// Another instance may have raised the same key a moment ago: nothing happens then.
				await db
					.insert(alerts)
					.values(
						changes.raise.map((b) => ({
							key: b.key,
							level: b.level,
							value: b.value,
							raisedAt: new Date(t)
						}))
					)
					.onConflictDoNothing();
				logger.info({ alerts: changes.raise.map((b) => b.key) }, 'alerts raised');
			}
			for (const b of changes.update) {
				await db
					.update(alerts)
					.set({ level: b.level, value: b.value })
					.where(and(eq(alerts.key, b.key), isNull(alerts.clearedAt)));
			}
			if (changes.clear.length > 0) {
				await db
					.update(alerts)
					.set({ clearedAt: new Date(t) })
					.where(and(inArray(alerts.key, changes.clear), isNull(alerts.clearedAt)));
				logger.info({ alerts: changes.clear }, 'alerts cleared');
			}
		}
		await escalate();
		await publish();
	}

	/** Marks the unacknowledged red alerts that have waited too long (runs even while replaying). */
	async function escalate(): Promise<void> {
		const t = now();
		const rows = await db
			.select({
				key: alerts.key,
				level: alerts.level,
				raisedAt: alerts.raisedAt,
				ackedAt: alerts.ackedAt,
				escalatedAt: alerts.escalatedAt
			})
			.from(alerts)
			.where(and(isNull(alerts.clearedAt), isNull(alerts.ackedAt), isNull(alerts.escalatedAt)));
		const due = dueForEscalation(
			rows.map((r) => ({
				key: r.key,
				level: r.level as AlertLevel,
				raisedAt: r.raisedAt.getTime(),
				ackedAt: r.ackedAt?.getTime() ?? null,
				escalatedAt: r.escalatedAt?.getTime() ?? null
			})),
			t,
			escalateMs
		);
		if (due.length === 0) return;
		await db
			.update(alerts)
			.set({ escalatedAt: new Date(t) })
			.where(
				and(
					inArray(alerts.key, due),
					isNull(alerts.clearedAt),
					isNull(alerts.ackedAt),
					isNull(alerts.escalatedAt)
				)
			);
		logger.warn({ alerts: due }, 'alerts escalated: red and unacknowledged');
	}

	function evaluate(): Promise<void> {
		// One evaluation at a time; a tick that finds one running skips.
		running ??= reconcile()
			.catch((err: unknown) =>
				logger.warn({ err }, 'alert evaluation failed; retrying next second')
			)
			.finally(() => {
				running = undefined;
			});
		return running;
	}

	return {
		current: () => last,
		list: () => readList(),
		async ack(id, by) {
			const [row] = await db
				.update(alerts)
				.set({ ackedAt: new Date(now()), ackedBy: by })
				.where(and(eq(alerts.id, id), isNull(alerts.ackedAt)))
				.returning();
			if (row === undefined) {
				const [existing] = await db.select().from(alerts).where(eq(alerts.id, id));
				return existing === undefined
					? { status: 'not-found' }
					: { status: 'already', alert: toAlert(existing) };
			}
			logger.info({ alert: row.key, id, by }, 'alert acknowledged');
			await publish();
			return { status: 'acked', alert: toAlert(row) };
		},
		evaluate,
		start() {
			if (timer || closed) return;
			void evaluate();
			timer = setInterval(() => void evaluate(), ALERT_EVALUATION_INTERVAL_MS);
		},
		async close() {
			closed = true;
			clearInterval(timer);
			timer = undefined;
			await running;
		}
	};
}
