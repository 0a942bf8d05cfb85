/**
 * The admin pages' language: `?lang=en` English, Chinese otherwise (as every page). The layout
 * sets one I18n for all admin pages; links and form actions keep the language.
 */
import type { I18n } from '$lib/client/i18n';

/** `?lang=en` to append to a link (or `''`). */
export const langQuery = (i18n: I18n) => (i18n.locale === 'en' ? '?lang=en' : '');

/** A form action that keeps the language: `?/create` or `?/create&lang=en`. */
export const action = (i18n: I18n, name: string) =>
	`?/${name}${i18n.locale === 'en' ? '&lang=en' : ''}`;

/** A refused action's message in the page's language (`adminErrors` codes, admin-action.ts). */
export function errorText(
	i18n: I18n,
	form: { error?: unknown; code?: unknown; params?: unknown } | null | undefined
): string | null {
	if (!form || typeof form.error !== 'string') return null;
	const code = typeof form.code === 'string' ? form.code : 'invalid';
	const params = (form.params ?? {}) as Record<string, unknown>;
	const key = `admin.errors.${code}`;
	const text = i18n.t(key, { ...params, message: form.error });
	return text === key ? i18n.t('admin.errors.invalid', { message: form.error }) : text;
}
