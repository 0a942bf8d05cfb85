import { error } from '@sveltejs/kit';
import { businessDayOf } from '$lib/metrics/timezone';
import { getApp } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/**
 * The server's business day and zone: "yesterday" is the day before the server's today in
 * WALLBOARD_TIMEZONE, whatever the browser's clock or zone says. The figures themselves are
 * fetched by the browser from /api/v1/history/* so a range change never reloads the page.
 */
export const load: PageServerLoad = ({ locals }) => {
	const app = getApp();
	if (!app) error(503, 'the server is starting or stopping; retry shortly');
	const timezone = app.config.timezone;
	// Only admins change the assessment's weights (the API refuses anyone else too).
	const admin = locals.principal?.role === 'admin';
	return { today: businessDayOf(Date.now(), timezone), timezone, admin };
};
