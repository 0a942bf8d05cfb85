import { adminAction, field } from '$lib/server/auth/admin-action';
import { appOr503 } from '$lib/server/app-or-503';
import type { App } from '$lib/server/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const app = appOr503();
	return {
		users: await app.accounts.listUsers(),
		me: locals.principal?.kind === 'user' ? locals.principal.userId : null,
		/** The queues the live figures know, offered for the team field. */
		queues: Object.keys((await app.snapshot()).calls.byQueue).sort()
	};
};

/** The username of `id` for the audit log (the id itself when the user is gone). */
const nameOf = async (app: App, id: string) => (await app.accounts.getUser(id))?.username ?? id;

export const actions: Actions = {
	create: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const user = await app.accounts.createUser({
				username: field(form, 'username', 64),
				role: field(form, 'role', 20),
				password: field(form, 'password', 300)
			});
			app.logger.info(
				{ by: admin.username, username: user.username, role: user.role },
				'user created'
			);
			await app.audit.record({
				actor: admin,
				action: 'user.create',
				target: user.username,
				detail: { role: user.role }
			});
			return { done: 'created', username: user.username };
		}),
	role: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const changed = await app.accounts.setUserRole(id, field(form, 'role', 20), admin.userId);
			app.logger.info({ by: admin.username, userId: id, ...changed }, 'user role changed');
			if (changed.from !== changed.to) {
				await app.audit.record({
					actor: admin,
					action: 'user.role',
					target: changed.username,
					detail: { from: changed.from, to: changed.to }
				});
			}
			return { done: 'role', username: changed.username, role: changed.to };
		}),
	disable: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const disabled = field(form, 'disabled', 5) === 'true';
			await app.accounts.setUserDisabled(id, disabled, admin.userId);
			app.logger.info({ by: admin.username, userId: id, disabled }, 'user disabled/enabled');
			const username = await nameOf(app, id);
			await app.audit.record({
				actor: admin,
				action: disabled ? 'user.disable' : 'user.enable',
				target: username
			});
			return { done: disabled ? 'disabled' : 'enabled', username };
		}),
	team: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const team = await app.accounts.setUserTeam(id, field(form, 'team', 200));
			app.logger.info({ by: admin.username, userId: id, team }, 'user team set');
			await app.audit.record({
				actor: admin,
				action: 'user.team',
				target: await nameOf(app, id),
				detail: { team }
			});
			return { done: team === null ? 'team cleared' : `team ${team}` };
		}),
	reset: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			await app.accounts.resetPassword(id, field(form, 'password', 300));
			app.logger.info({ by: admin.username, userId: id }, 'password reset');
			const username = await nameOf(app, id);
			await app.audit.record({ actor: admin, action: 'user.password-reset', target: username });
			return { done: 'reset', username };
		}),
	delete: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const deleted = await app.accounts.deleteUser(id, admin.userId);
			app.logger.info({ by: admin.username, userId: id, ...deleted }, 'user deleted');
			await app.audit.record({
				actor: admin,
				action: 'user.delete',
				target: deleted.username,
				detail: { role: deleted.role }
			});
			return { done: 'deleted', username: deleted.username };
		})
};
