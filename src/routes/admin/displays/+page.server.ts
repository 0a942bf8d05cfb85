import { adminAction, field } from '$lib/server/auth/admin-action';
import { BOARDS } from '$lib/server/auth/accounts';
import { appOr503 } from '$lib/server/app-or-503';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	displays: await appOr503().accounts.listDisplays(),
	boards: [...BOARDS]
});

/** The code and the link are shown once, in the action's answer; only their hash is stored. */
const issued = (url: URL, id: string, name: string, code: string, expiresAt: number) => ({
	issued: {
		id,
		name,
		code: `${code.slice(0, 4)}-${code.slice(4)}`,
		link: `${url.origin}/enrol/${code}`,
		expiresAt: new Date(expiresAt).toISOString()
	}
});

export const actions: Actions = {
	create: ({ request, locals, url }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const name = field(form, 'name', 100).trim();
			const created = await app.accounts.createDisplay(
				{ name, board: field(form, 'board', 40) },
				admin.username
			);
			app.logger.info({ by: admin.username, displayId: created.id }, 'display created');
			return issued(url, created.id, name, created.code, created.expiresAt);
		}),
	code: ({ request, locals, url }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const fresh = await app.accounts.newEnrolmentCode(id);
			app.logger.info({ by: admin.username, displayId: id }, 'display enrolment code issued');
			return issued(url, id, field(form, 'name', 100), fresh.code, fresh.expiresAt);
		}),
	revoke: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const id = field(await request.formData(), 'id', 64);
			await app.accounts.revokeDisplay(id);
			app.disconnect({ displayId: id });
			app.logger.info({ by: admin.username, displayId: id }, 'display revoked');
			return { revoked: id };
		})
};
