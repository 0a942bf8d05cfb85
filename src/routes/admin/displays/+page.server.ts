import { adminAction, field } from '$lib/server/auth/admin-action';
import { appOr503 } from '$lib/server/app-or-503';
import { assignmentFromForm } from '$lib/server/boards/rules';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const app = appOr503();
	const [displays, boards, playlists, screens] = await Promise.all([
		app.accounts.listDisplays(),
		app.boards.listBoards(),
		app.boards.listPlaylists(),
		app.boards.screens()
	]);
	const showing = await app.boards.showing(displays.map((d) => d.id));
	return {
		displays: displays.map((d) => ({
			...d,
			assignment: screens.get(d.id) ?? {},
			showing: showing.get(d.id) ?? null
		})),
		boards,
		playlists,
		timezone: app.config.timezone
	};
};

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
			const show = field(form, 'show', 80);
			const created = await app.accounts.createDisplay(
				{ name, board: field(form, 'board', 40) || 'hall' },
				admin.username
			);
			app.logger.info({ by: admin.username, displayId: created.id }, 'display created');
			if (show !== '')
				await app.boards.assignScreen(
					created.id,
					assignmentFromForm((n) => (n === 'show' ? show : '')),
					admin.username
				);
			await app.audit.record({
				actor: admin,
				action: 'display.create',
				target: name,
				detail: { displayId: created.id, board: field(form, 'board', 40) || 'hall' }
			});
			return issued(url, created.id, name, created.code, created.expiresAt);
		}),
	assign: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const assignment = assignmentFromForm((name) => field(form, name, 80));
			await app.boards.assignScreen(id, assignment, admin.username);
			await app.audit.record({
				actor: admin,
				action: 'screen.assign',
				target: field(form, 'name', 100) || id,
				detail: { displayId: id, assignment: JSON.stringify(assignment) }
			});
			return { assigned: { id, name: field(form, 'name', 100) } };
		}),
	code: ({ request, locals, url }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const fresh = await app.accounts.newEnrolmentCode(id);
			app.logger.info({ by: admin.username, displayId: id }, 'display enrolment code issued');
			await app.audit.record({
				actor: admin,
				action: 'display.code',
				target: field(form, 'name', 100) || id,
				detail: { displayId: id }
			});
			return issued(url, id, field(form, 'name', 100), fresh.code, fresh.expiresAt);
		}),
	revoke: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const name =
				(await app.accounts.listDisplays()).find((d) => d.id === id)?.name ??
				field(form, 'name', 100);
			await app.accounts.revokeDisplay(id);
			app.disconnect({ displayId: id });
			app.logger.info({ by: admin.username, displayId: id }, 'display revoked');
			await app.audit.record({
				actor: admin,
				action: 'display.revoke',
				target: name || id,
				detail: { displayId: id }
			});
			return { revoked: id };
		})
};
