/** Formatting for the locale: zh-CN by default. Missing values (null/undefined) show as "—". */
const DASH = '—';

export function formatPercent(value: number | null | undefined, locale = 'zh-CN', digits = 1) {
	if (value === null || value === undefined) return DASH;
	return new Intl.NumberFormat(locale, {
		style: 'percent',
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);
}

export function formatNumber(value: number | null | undefined, locale = 'zh-CN', digits = 0) {
	if (value === null || value === undefined) return DASH;
	return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** 75 → "1:15"; 3725 → "1:02:05". */
export function formatDuration(seconds: number | null | undefined) {
	if (seconds === null || seconds === undefined) return DASH;
	const s = Math.max(0, Math.floor(seconds));
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const sec = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function formatTime(iso: string | null | undefined, timeZone: string, locale = 'zh-CN') {
	if (!iso) return DASH;
	return new Intl.DateTimeFormat(locale, {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(iso));
}
