/**
 * The alerts a hall acts on, joined to what they watch: the service (index.ts) evaluates the
 * live snapshot, the agents now and the surge watch's breaches against the thresholds, and the
 * supervision channel (realtime/supervision.ts) pushes the list and the drill-down details to
 * every screen. Nothing is raised or cleared while the live state is not trustworthy: the shared
 * log is behind, or a source replays the day (restart, demo start).
 */
import { evaluateAgentBreaches } from '../../metrics/alerts';
import type { Config } from '../config';
import type { StoreDatabase } from '../db/drizzle-store';
import type { EventLog } from '../log/event-log';
import type { Live } from '../live';
import type { Logger } from '../logger';
import { createSupervision, type Supervision } from '../realtime/supervision';
import type { SurgeWatch } from '../surge';
import type { ThresholdsService } from '../thresholds';
import { createAlertService, type AlertService } from './index';

export function openAlertsFeature(o: {
	db: StoreDatabase;
	config: Pick<Config, 'alertHolds' | 'alertEscalateMs'>;
	logger: Logger;
	now: () => number;
	live: Live;
	log: EventLog;
	thresholds: ThresholdsService;
	surges: SurgeWatch;
	/** True while a source replays the day. */
	replaying(): boolean;
}): { alerts: AlertService; supervision: Supervision; close(): Promise<void> } {
	const { db, logger, now, live, log, thresholds, surges } = o;
	const alerts = createAlertService({
		db,
		logger,
		now,
		inputs: () =>
			log.healthy() && !o.replaying()
				? { snapshot: live.current(), thresholds: thresholds.current() }
				: null,
		holds: o.config.alertHolds,
		escalateMs: o.config.alertEscalateMs,
		agentBreaches: (bands, t) => evaluateAgentBreaches(live.metrics.records.agents(), bands, t),
		onChange: (list) => supervision.broadcastAlerts(list),
		surgeBreaches: () => surges.breaches()
	});
	const { records } = live.metrics;
	const supervision = createSupervision({ records, agentDay: live.agentDay, alerts, logger, now });
	live.onTick((t) => supervision.tick(t));
	alerts.start();
	return { alerts, supervision, close: () => alerts.close() };
}
