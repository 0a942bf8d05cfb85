import { describe, expect, it } from 'vitest';
import { CATALOGUES, createI18n, localeFrom } from './i18n';

/** Every key path of a catalogue, e.g. "today.offered". */
function keys(o: object, prefix = ''): string[] {
	return Object.entries(o).flatMap(([k, v]) =>
		typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
	);
}

describe('catalogues', () => {
	it('en has exactly the keys of zh-CN', () => {
		expect(keys(CATALOGUES.en).sort()).toStrictEqual(keys(CATALOGUES['zh-CN']).sort());
	});

	it('every message is a non-empty string, with the same placeholders in both', () => {
		const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
		const get = (o: object, path: string) =>
			path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], o);
		for (const key of keys(CATALOGUES['zh-CN'])) {
			const zh = get(CATALOGUES['zh-CN'], key) as string;
			const en = get(CATALOGUES.en, key) as string;
			expect(zh, key).not.toBe('');
			expect(en, key).not.toBe('');
			expect(placeholders(en), key).toStrictEqual(placeholders(zh));
		}
	});
});

describe('localeFrom', () => {
	it.each([
		[null, 'zh-CN'],
		['', 'zh-CN'],
		['en', 'en'],
		['EN-us', 'en'],
		['zh', 'zh-CN'],
		['fr', 'zh-CN']
	])('%s → %s', (param, locale) => {
		expect(localeFrom(param)).toBe(locale);
	});
});

describe('formatting for the locale', () => {
	const zh = createI18n('zh-CN');
	const en = createI18n('en');

	it('translates with interpolation, falling back to the key never', () => {
		expect(zh.t('stale.banner', { n: 12 })).toBe('数据已 12 秒未更新');
		expect(en.t('stale.banner', { n: 12 })).toBe('No new data for 12 s');
		expect(zh.t('category.emergency')).toBe('紧急');
	});

	it.each([
		[zh, 12345, '12,345'],
		[en, 12345, '12,345'],
		[zh, null, '—']
	])('number %#', (i18n, value, text) => {
		expect(i18n.number(value)).toBe(text);
	});

	it('percentages with one decimal, split into number and sign', () => {
		expect(zh.percent(0.953)).toBe('95.3%');
		expect(en.percentParts(0.9)).toStrictEqual({ number: '90.0', sign: '%' });
		expect(zh.percentParts(1)).toStrictEqual({ number: '100.0', sign: '%' });
		expect(zh.percentParts(null)).toStrictEqual({ number: '—', sign: '' });
	});

	it.each([
		[0, '0:00', '0 秒', '0 s'],
		[9, '0:09', '9 秒', '9 s'],
		[75, '1:15', '1 分 15 秒', '1 min 15 s'],
		[3725, '1:02:05', '1 小时 02 分', '1 h 02 min'],
		[90_000, '25:00:00', '25 小时 00 分', '25 h 00 min']
	])('%i s → %s / %s / %s', (s, clock, zhWords, enWords) => {
		expect(zh.clockDuration(s)).toBe(clock);
		expect(zh.duration(s)).toBe(zhWords);
		expect(en.duration(s)).toBe(enWords);
	});

	it('times in the wallboard time zone, 24 h', () => {
		expect(zh.time('2026-11-28T07:05:09Z', 'Asia/Shanghai')).toBe('15:05:09');
		expect(en.time(Date.parse('2026-11-28T16:00:00Z'), 'Asia/Shanghai')).toBe('00:00:00');
		expect(zh.time(null, 'Asia/Shanghai')).toBe('—');
	});
});

describe('t, looked up once per key and options', () => {
	it('gives each set of options its own text, the same text each time', () => {
		const i18n = createI18n('en');
		const one = i18n.t('overdue.more', { n: '3' });
		expect(one).toBe(i18n.t('overdue.more', { n: '3' }));
		expect(i18n.t('overdue.more', { n: '4' })).not.toBe(one);
		expect(i18n.t('overdue.more', { n: '4' })).toContain('4');
		expect(i18n.t('overdue.title')).toBe(CATALOGUES.en.overdue.title);
		// A key without a message and its defaultValue are not confused with other calls.
		expect(i18n.t('kind.no-such-kind', { defaultValue: 'raw kind' })).toBe('raw kind');
		expect(i18n.t('kind.no-such-kind', { defaultValue: 'other' })).toBe('other');
	});

	it('stays correct after more distinct calls than it keeps', () => {
		const i18n = createI18n('en');
		for (let n = 0; n < 9000; n++)
			expect(i18n.t('overdue.more', { n: String(n) })).toContain(String(n));
		expect(i18n.t('overdue.title')).toBe(CATALOGUES.en.overdue.title);
	});
});
