/** The public widget endpoint: a request saved from Dastra's web form, with the public key. */
import { PURPOSES, type Json } from '../data';
import { invalid } from '../validation';
import type { Route } from './route';

export const widgetRoutes: Route[] = [
	{
		method: 'POST',
		path: /^\/v1\/client\/save-request\/(\d+)$/,
		scope: 'public',
		handle(fake, r, m) {
			const widgetId = Number(m[1]);
			if (r.headers.authorization !== `ApiKey ${fake.publicKey}`) {
				return [401, { message: 'Invalid public API key' }];
			}
			const widget = fake.widgets.find((w) => w.id === widgetId);
			if (!widget) return [404, { message: 'Widget not found' }];
			const b = (r.body ?? {}) as Json;
			const errors: Record<string, string[]> = {};
			if (typeof b.email !== 'string' || !b.email.includes('@')) errors.email = ['A valid email is required.'];
			if (!PURPOSES.includes(b.purpose as string)) errors.purpose = ['A valid purpose is required.'];
			if (typeof b.message === 'string' && /<[a-z/][^>]*>/i.test(b.message)) errors.message = ['HTML is not allowed.'];
			if (Object.keys(errors).length) return invalid(errors);
			const dsr = fake.seed({
				title: `Request from ${String(b.email)}`,
				email: b.email,
				purposes: [b.purpose],
				message: b.message ?? null,
				refId: b.refId ?? null,
				givenName: b.givenName ?? null,
				familyName: b.familyName ?? null,
				userId: b.userId ?? null,
				additionalDatas: b.additionalDatas ?? {},
				areaId: widget.areaId,
				widgetId,
				channel: 'Widget',
			});
			return [200, { id: dsr.id, state: dsr.state }];
		},
	},
];
