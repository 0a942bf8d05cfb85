import { adminAction, field } from '$lib/server/auth/admin-action';
import { appOr503 } from '$lib/server/app-or-503';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	users: await appOr503().accounts.listUsers(),
	me: locals.principal?.kind === 'user' ? locals.principal.userId : null
});

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
			return { created: user.username };
		}),
	disable: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			const disabled = field(form, 'disabled', 5) === 'true';
			await app.accounts.setUserDisabled(id, disabled, admin.userId);
			app.logger.info({ by: admin.username, userId: id, disabled }, 'user disabled/enabled');
			return { done: disabled ? 'disabled' : 'enabled' };
		}),
	reset: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const id = field(form, 'id', 64);
			await app.accounts.resetPassword(id, field(form, 'password', 300));
			app.logger.info({ by: admin.username, userId: id }, 'password reset');
			return { done: 'reset' };
		})
};
