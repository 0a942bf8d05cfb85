/**
 * The composite score's weights (contract/assessment.ts), stored in the settings table over the
 * documented default 30/35/35. Read from the database on every use, so every instance agrees the
 * moment an admin changes them; a stored value that no longer validates is ignored (logged).
 */
import {
	DEFAULT_ASSESSMENT_WEIGHTS,
	parseAssessmentWeights,
	type AssessmentWeights
} from '../../contract/assessment';
import type { EventStore } from '../db/store';
import { UnavailableError } from '../errors';
import type { Logger } from '../logger';

const WEIGHTS_SETTING = 'assessment.weights';

export interface AssessmentWeightsStore {
	current(): Promise<AssessmentWeights>;
	/** Stores validated weights (parseAssessmentWeights first); returns them. */
	set(weights: AssessmentWeights): Promise<AssessmentWeights>;
}

export function createAssessmentWeights(deps: {
	store: Pick<EventStore, 'getSetting' | 'setSetting'>;
	logger: Logger;
}): AssessmentWeightsStore {
	const { store, logger } = deps;
	return {
		async current() {
			const stored = await store.getSetting(WEIGHTS_SETTING);
			if (stored === undefined) return DEFAULT_ASSESSMENT_WEIGHTS;
			const parsed = parseAssessmentWeights(stored);
			if (parsed.ok) return parsed.value;
			logger.warn(
				{ errors: parsed.errors },
				'stored assessment weights are invalid: using 30/35/35'
			);
			return DEFAULT_ASSESSMENT_WEIGHTS;
		},
		async set(weights) {
			try {
				await store.setSetting(WEIGHTS_SETTING, weights);
			} catch (err) {
				logger.error({ err }, 'storing assessment weights failed');
				throw new UnavailableError('the database is unavailable; retry later');
			}
			logger.info({ weights }, 'assessment weights changed');
			return weights;
		}
	};
}
