/** How a unit's rank moved, for the table: an arrow, a word and the level colour. */
import type { I18n } from '$lib/client/i18n';
import type { AssessmentUnit } from '$lib/contract/assessment';

export type RankMove = { arrow: string; text: string; level: 'good' | 'bad' | '' };

export function rankMove(i18n: I18n, u: AssessmentUnit): RankMove {
	if (u.rank === null) return { arrow: '', text: i18n.t('manager.assessment.unranked'), level: '' };
	if (u.rankChange === null)
		return { arrow: '', text: i18n.t('manager.assessment.new'), level: '' };
	if (u.rankChange > 0) {
		return {
			arrow: '▲',
			text: i18n.t('manager.assessment.up', { n: u.rankChange }),
			level: 'good'
		};
	}
	if (u.rankChange < 0) {
		return {
			arrow: '▼',
			text: i18n.t('manager.assessment.down', { n: -u.rankChange }),
			level: 'bad'
		};
	}
	return { arrow: '＝', text: i18n.t('manager.assessment.same'), level: '' };
}

/** A score in points with exactly one decimal ("89.5", "87.0"), a dash for none. */
export const points = (_i18n: I18n, n: number | null) => (n === null ? '—' : n.toFixed(1));

/** A signed score change ("+1.3", "−0.4"). */
export function signedPoints(i18n: I18n, n: number | null): string {
	if (n === null) return '—';
	const r = Math.round(n * 10) / 10;
	return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${points(i18n, Math.abs(r))}`;
}
