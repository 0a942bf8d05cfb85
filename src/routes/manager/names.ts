import type { I18n } from '$lib/client/i18n';

/** A queue's name from the catalogue (综合, 企业 …), else its id. */
export function queueName(i18n: I18n, id: string): string {
	const key = `queue.${id}`;
	const name = i18n.t(key);
	return name === key ? id : name;
}
