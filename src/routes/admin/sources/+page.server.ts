import { adminAction, field } from '$lib/server/auth/admin-action';
import { appOr503 } from '$lib/server/app-or-503';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	sources: await appOr503().accounts.listSources()
});

export const actions: Actions = {
	create: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const name = field(form, 'name', 100).trim();
			const created = await app.accounts.createSource(
				{ name, signing: field(form, 'signing', 20) },
				admin.username
			);
			app.logger.info({ by: admin.username, source: name }, 'ingest source created');
			await app.audit.record({
				actor: admin,
				action: 'source.create',
				target: name,
				detail: { signing: field(form, 'signing', 20) || 'off' }
			});
			// Shown once: only the token's hash is stored.
			return { shown: { id: created.id, name, token: created.token, secret: created.secret } };
		}),
	rotate: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const secret = await app.accounts.rotateSecret(field(form, 'id', 64));
			app.logger.info(
				{ by: admin.username, source: field(form, 'name', 100) },
				'signing secret rotated'
			);
			await app.audit.record({
				actor: admin,
				action: 'source.rotate',
				target: field(form, 'name', 100)
			});
			return {
				shown: { id: field(form, 'id', 64), name: field(form, 'name', 100), token: null, secret }
			};
		}),
	dropOld: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			await app.accounts.dropOldSecret(field(form, 'id', 64));
			app.logger.info(
				{ by: admin.username, source: field(form, 'name', 100) },
				'old signing secret dropped'
			);
			await app.audit.record({
				actor: admin,
				action: 'source.drop-old-secret',
				target: field(form, 'name', 100)
			});
			return { done: 'dropped' as const };
		}),
	require: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			const required = field(form, 'required', 5) === 'true';
			await app.accounts.setSignatureRequired(field(form, 'id', 64), required);
			app.logger.info(
				{ by: admin.username, source: field(form, 'name', 100), required },
				'signature requirement changed'
			);
			await app.audit.record({
				actor: admin,
				action: 'source.signing',
				target: field(form, 'name', 100),
				detail: { required }
			});
			return { done: required ? ('required' as const) : ('optional' as const) };
		}),
	revoke: ({ request, locals }) =>
		adminAction(locals, async (app, admin) => {
			const form = await request.formData();
			await app.accounts.revokeSource(field(form, 'id', 64));
			app.logger.info(
				{ by: admin.username, source: field(form, 'name', 100) },
				'ingest source revoked'
			);
			await app.audit.record({
				actor: admin,
				action: 'source.revoke',
				target: field(form, 'name', 100)
			});
			return { done: 'revoked' as const };
		})
};
