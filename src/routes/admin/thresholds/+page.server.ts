import { fail } from '@sveltejs/kit';
import { parseThresholds } from '$lib/contract';
import { DEFAULT_THRESHOLDS } from '$lib/metrics/thresholds';
import { adminAction } from '$lib/server/auth/admin-action';
import { appOr503 } from '$lib/server/app-or-503';
import { formValues, readForm, valuesOf } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const app = appOr503();
	const current = app.thresholds.current();
	const snapshot = await app.snapshot();
	const [last] = await app.audit.list({ area: 'thresholds' }, 1);
	return {
		...valuesOf(current),
		defaults: valuesOf(DEFAULT_THRESHOLDS).values,
		/** Queues the live figures know, for the "add a queue" list. */
		knownQueues: Object.keys(snapshot.calls.byQueue).sort(),
		lastChange: last ? { at: last.at, actor: last.actor } : null,
		timezone: app.config.timezone
	};
};

export const actions: Actions = {
	save: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const values = formValues(await request.formData());
			const read = readForm(values);
			if (!read.ok) return fail(400, { errors: read.errors, values });
			// The API's own validation is the last word (same document as PUT /api/v1/thresholds).
			const parsed = parseThresholds(read.input);
			if (!parsed.ok) {
				return fail(400, {
					errors: parsed.errors.map((e) => ({ field: 'form', code: 'invalid', params: { e } })),
					values
				});
			}
			await app.thresholds.set(parsed.value, admin);
			return { saved: true };
		})
};
