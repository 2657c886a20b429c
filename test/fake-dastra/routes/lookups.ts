/** Read-only lookups: the caller (/me), tenant users, entities (Areas), tags, workflow steps. */
import type { Json } from '../data';
import { paged } from '../http';
import type { Route } from './route';

export const lookupRoutes: Route[] = [
	{
		method: 'GET',
		path: /^\/me$/,
		scope: 'root',
		handle: () => [200, { id: 301, email: 'alice@moulinsart.example', displayName: 'Alice Martin' }],
	},
	{
		method: 'GET',
		path: /^\/v1\/TenantUsers$/,
		scope: 'root',
		handle(fake, r) {
			if (Number(r.query.workspaceId) !== fake.workspaceId) {
				return [403, { message: 'The key has no access to this workspace' }];
			}
			return paged(r, fake.users as unknown as Json[]);
		},
	},
	{
		method: 'GET',
		path: /^\/Areas$/,
		scope: 'workspace',
		handle(fake, r) {
			const type = r.query.type;
			return paged(
				r,
				fake.entities.filter((e) => !type || e.type === type) as unknown as Json[],
			);
		},
	},
	{
		method: 'GET',
		path: /^\/Tags$/,
		scope: 'workspace',
		handle: (fake, r) => [200, fake.tags.filter((t) => !r.query.type || t.type === r.query.type)],
	},
	{
		method: 'GET',
		path: /^\/Workflows\/DataSubject$/,
		scope: 'workspace',
		handle(fake) {
			if (fake.stepsShape === 'missing') return [404, { message: 'No route GET /Workflows/DataSubject' }];
			if (fake.stepsShape === 'items') return [200, { items: fake.steps, total: fake.steps.length }];
			if (fake.stepsShape === 'steps') return [200, { steps: fake.steps }];
			return [200, fake.steps];
		},
	},
];
