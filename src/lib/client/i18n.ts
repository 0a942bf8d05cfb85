/**
 * Message catalogues (i18next) and locale-aware formatting for the screens. zh-CN is the
 * default; `?lang=en` switches to English. Every visible string comes from
 * `messages/<locale>.json`; numbers, percentages and times go through Intl for the locale.
 */
import { createInstance, type TFunction } from 'i18next';
import { createContext } from 'svelte';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const CATALOGUES: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en };

/** `?lang=` value → a supported locale: 'en', 'en-US' → en; anything else → zh-CN. */
export function localeFrom(param: string | null | undefined): Locale {
	const lang = (param ?? '').toLowerCase();
	if (lang === 'en' || lang.startsWith('en-')) return 'en';
	return DEFAULT_LOCALE;
}

const DASH = '—';

export type I18n = {
	locale: Locale;
	t: TFunction;
	/** 1234 → "1,234". */
	number(value: number | null | undefined, digits?: number): string;
	/** 0.953 → "95.3%" (split off the sign with `percentParts` for display). */
	percent(value: number | null | undefined, digits?: number): string;
	/** 0.953 → { number: "95.3", sign: "%" } in the locale's order. */
	percentParts(value: number | null | undefined, digits?: number): { number: string; sign: string };
	/** A clock-like duration: 75 → "1:15", 3725 → "1:02:05". */
	clockDuration(seconds: number | null | undefined): string;
	/** A duration in words: 3725 → "1 小时 02 分", 75 → "1 分 15 秒", 9 → "9 秒". */
	duration(seconds: number | null | undefined): string;
	/** Wall-clock time of the ISO instant or epoch ms in `timeZone`: "15:04:05". */
	time(at: string | number | null | undefined, timeZone: string): string;
};

export function createI18n(locale: Locale): I18n {
	const instance = createInstance();
	void instance.init({
		lng: locale,
		fallbackLng: DEFAULT_LOCALE,
		resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
		initAsync: false,
		// Svelte escapes text; i18next must not do it a second time.
		interpolation: { escapeValue: false },
		returnNull: false
	});
	const fixedT = instance.getFixedT(locale);
	const fixed = (key: string, options?: Record<string, unknown>): string =>
		(fixedT as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);
	/**
	 * The catalogues never change while a page lives, so a message is looked up once: i18next's
	 * `t` (key paths, plurals, interpolation) was about a fifth of the wall's script per update.
	 * Keyed by the message key and its options; bounded, since options carry live figures.
	 */
	const memo = new Map<string, string>();
	const t = ((key: string, options?: Record<string, unknown>) => {
		let id = key;
		if (options !== undefined) {
			try {
				id = `${key}\u0000${JSON.stringify(options)}`;
			} catch {
				return fixed(key, options);
			}
		}
		let text = memo.get(id);
		if (text === undefined) {
			text = fixed(key, options);
			if (memo.size >= 4000) memo.clear();
			memo.set(id, text);
		}
		return text;
	}) as TFunction;

	const numberFormats = new Map<number, Intl.NumberFormat>();
	const percentFormats = new Map<number, Intl.NumberFormat>();
	const timeFormats = new Map<string, Intl.DateTimeFormat>();
	const numberFormat = (digits: number) => {
		let f = numberFormats.get(digits);
		if (!f) {
			f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
			numberFormats.set(digits, f);
		}
		return f;
	};
	const percentFormat = (digits: number) => {
		let f = percentFormats.get(digits);
		if (!f) {
			f = new Intl.NumberFormat(locale, {
				style: 'percent',
				minimumFractionDigits: digits,
				maximumFractionDigits: digits
			});
			percentFormats.set(digits, f);
		}
		return f;
	};
	const pad = (n: number) => String(n).padStart(2, '0');

	return {
		locale,
		t,
		number: (value, digits = 0) => (value == null ? DASH : numberFormat(digits).format(value)),
		percent: (value, digits = 1) => (value == null ? DASH : percentFormat(digits).format(value)),
		percentParts(value, digits = 1) {
			if (value == null) return { number: DASH, sign: '' };
			const parts = percentFormat(digits).formatToParts(value);
			return {
				number: parts
					.filter((p) => p.type !== 'percentSign' && p.type !== 'literal')
					.map((p) => p.value)
					.join(''),
				sign: parts.find((p) => p.type === 'percentSign')?.value ?? '%'
			};
		},
		clockDuration(seconds) {
			if (seconds == null) return DASH;
			const s = Math.max(0, Math.floor(seconds));
			const h = Math.floor(s / 3600);
			const m = Math.floor((s % 3600) / 60);
			return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
		},
		duration(seconds) {
			if (seconds == null) return DASH;
			const s = Math.max(0, Math.floor(seconds));
			const h = Math.floor(s / 3600);
			const m = Math.floor((s % 3600) / 60);
			if (h > 0) return t('duration.hm', { h: numberFormat(0).format(h), m: pad(m) });
			if (m > 0) return t('duration.ms', { m, s: pad(s % 60) });
			return t('duration.s', { s });
		},
		time(at, timeZone) {
			if (at == null || at === '') return DASH;
			let f = timeFormats.get(timeZone);
			if (!f) {
				f = new Intl.DateTimeFormat(locale, {
					timeZone,
					hour: '2-digit',
					minute: '2-digit',
					second: '2-digit',
					hourCycle: 'h23'
				});
				timeFormats.set(timeZone, f);
			}
			return f.format(typeof at === 'number' ? at : new Date(at));
		}
	};
}

/** The screen's I18n, set once by the page and read by every tile. */
export const [getI18n, setI18n] = createContext<I18n>();
