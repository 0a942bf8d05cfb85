/**
 * "Against the previous period" and "against the target" for the manager's KPI cards. Pure.
 * Rates are fractions (0.953); their changes are shown in percentage points.
 */

export type Better = 'higher' | 'lower';
export type Direction = 'up' | 'down' | 'flat';
export type Verdict = 'better' | 'worse' | 'same';
export type Level = 'good' | 'warn' | 'bad';

export type Delta = {
	/** current − previous, in the figure's unit (a fraction for rates); null when either is null. */
	change: number | null;
	direction: Direction | null;
	verdict: Verdict | null;
};

/**
 * The change from `previous` to `current`. Changes smaller than `flatBelow` (in the figure's
 * unit: 0.0005 = 0.05 points for rates) count as flat, so "+0.0" is never shown with an arrow.
 */
export function delta(
	current: number | null,
	previous: number | null,
	better: Better,
	flatBelow: number
): Delta {
	if (current === null || previous === null)
		return { change: null, direction: null, verdict: null };
	const change = current - previous;
	if (Math.abs(change) < flatBelow) return { change: 0, direction: 'flat', verdict: 'same' };
	const direction: Direction = change > 0 ? 'up' : 'down';
	const verdict: Verdict = (direction === 'up') === (better === 'higher') ? 'better' : 'worse';
	return { change, direction, verdict };
}

/** Rate changes smaller than 0.05 points are flat (they round to 0.0). */
export const RATE_FLAT_BELOW = 0.0005;
/** Second changes smaller than 0.5 s are flat (they round to 0). */
export const SECONDS_FLAT_BELOW = 0.5;

/** A signed number for the locale: 2.14 → "+2.1", −0.3 → "-0.3", 0 → "0.0". */
export function signed(value: number, locale: string, digits: number): string {
	return new Intl.NumberFormat(locale, {
		signDisplay: 'exceptZero',
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value === 0 ? 0 : value);
}

/** A rate change (fraction) as signed percentage points: 0.0214 → "+2.1". */
export function signedPoints(change: number, locale: string): string {
	return signed(Math.round(change * 1000) / 10, locale, 1);
}

/** The arrow for a direction: ▲ up, ▼ down, ► flat (shape, not colour, carries it). */
export function arrow(direction: Direction | null): string {
	return direction === 'up' ? '▲' : direction === 'down' ? '▼' : direction === 'flat' ? '►' : '';
}

/**
 * `value` against `target`: good when the target is met, warn within `band` of it (5 points by
 * default), bad beyond. `better` says which side meets it (answer rate: higher; abandon rate:
 * lower). null when there is no value.
 */
export function levelVsTarget(
	value: number | null,
	target: number,
	better: Better,
	band = 0.05
): Level | null {
	if (value === null || Number.isNaN(value)) return null;
	const gap = better === 'higher' ? target - value : value - target;
	// Rounded to a millionth so 0.95 − 0.95 from different sums never reads as missed.
	const missedBy = Math.round(gap * 1e6) / 1e6;
	return missedBy <= 0 ? 'good' : missedBy <= band ? 'warn' : 'bad';
}
