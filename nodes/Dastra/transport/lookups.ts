import type { IDataObject } from 'n8n-workflow';

import type { DastraContext } from './index';
import { dastraRequest } from './index';
import { asPage, dastraRequestAllItems } from './pager';

/** Entities (Dastra "areas" of type Entity): who a request is addressed to. */
export async function listEntities(this: DastraContext, limit?: number): Promise<IDataObject[]> {
	return await dastraRequestAllItems.call(this, '/Areas', { type: 'Entity' }, { limit });
}

/**
 * The DSR process steps. GET /Workflows/DataSubject is in Dastra's endpoint table but its
 * answer is undocumented: a list, `{items}`, or `{steps}` are all read, ordered by `order`.
 */
export async function listWorkflowSteps(this: DastraContext): Promise<IDataObject[]> {
	const res: unknown = await dastraRequest.call(this, 'GET', '/Workflows/DataSubject');
	const wrapped = (res ?? {}) as IDataObject;
	const steps = Array.isArray(wrapped.steps)
		? (wrapped.steps as IDataObject[])
		: asPage<IDataObject>(res).items;
	return [...steps].sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0));
}

export async function listTags(this: DastraContext): Promise<IDataObject[]> {
	const res = await dastraRequest.call(this, 'GET', '/Tags', { qs: { type: 'DataSubject' } });
	return asPage<IDataObject>(res).items;
}

/** Users of the tenant who can work in the credential's workspace. */
export async function listUsers(this: DastraContext, limit?: number): Promise<IDataObject[]> {
	return await dastraRequestAllItems.call(this, '/v1/TenantUsers', {}, { limit, tenant: true });
}
