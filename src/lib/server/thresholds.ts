/**
 * The wallboard's threshold bands: stored in the settings table over the defaults, changed by
 * managers and admins, pushed to every screen (and every instance) when they change.
 */
import type { Thresholds, ThresholdsInput } from '../contract';
import { parseThresholds } from '../contract';
import { resolveThresholds } from '../metrics/thresholds';
import type { Audit, AuditActor } from './audit';
import { changesBetween } from './audit';
import type { EventStore } from './db/store';
import { UnavailableError } from './errors';
import type { Logger } from './logger';

const THRESHOLDS_SETTING = 'thresholds';

export interface ThresholdsService {
	current(): Thresholds;
	/**
	 * Validated input over the defaults; stores it, tells the listeners, records who changed
	 * which bands in the audit log (`thresholds.set`), returns it.
	 */
	set(input: ThresholdsInput, actor: AuditActor): Promise<Thresholds>;
	/** Another instance changed them (through the socket adapter). */
	adopt(next: Thresholds): void;
	/** Called after every local change (the realtime feature pushes it to every screen). */
	onChange(listener: (next: Thresholds) => void): void;
}

/** The stored thresholds over the defaults; a stored value that no longer validates is ignored. */
export async function createThresholds(deps: {
	store: EventStore;
	logger: Logger;
	audit: Pick<Audit, 'record'>;
}): Promise<ThresholdsService> {
	const { store, logger, audit } = deps;
	let thresholds = resolveThresholds(undefined);
	const stored = await store.getSetting(THRESHOLDS_SETTING);
	if (stored !== undefined) {
		const parsed = parseThresholds(stored);
		if (parsed.ok) thresholds = resolveThresholds(parsed.value);
		else
			logger.warn({ errors: parsed.errors }, 'stored thresholds are invalid: using the defaults');
	}
	const listeners: Array<(next: Thresholds) => void> = [];
	return {
		current: () => thresholds,
		async set(input, actor) {
			const before = thresholds;
			const next = resolveThresholds(input);
			try {
				await store.setSetting(THRESHOLDS_SETTING, input);
			} catch (err) {
				logger.error({ err }, 'storing thresholds failed');
				throw new UnavailableError('the database is unavailable; retry later');
			}
			thresholds = next;
			for (const l of listeners) l(next);
			logger.info({ thresholds: next }, 'thresholds changed');
			await audit.record({
				actor,
				action: 'thresholds.set',
				target: 'thresholds',
				detail: { changes: changesBetween(before, next) }
			});
			return next;
		},
		adopt(next) {
			thresholds = next;
		},
		onChange: (listener) => void listeners.push(listener)
	};
}
