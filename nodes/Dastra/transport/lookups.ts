import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../helpers/validate';
import type { DastraContext } from './index';
import { dastraRequest } from './index';
import { asPage, dastraRequestAllItems } from './pager';

/** Entities (Dastra "areas" of type Entity): who a request is addressed to. */
export async function listEntities(this: DastraContext, limit?: number): Promise<IDataObject[]> {
	return await dastraRequestAllItems.call(this, '/Areas', { type: 'Entity' }, { limit });
}

const byOrder = (a: IDataObject, b: IDataObject) => Number(a.order ?? 0) - Number(b.order ?? 0);

const STEP_LIST_MISSING = Symbol('GET /Workflows/DataSubject answered 404');

function isNotFound(error: unknown): boolean {
	return String((error as { httpCode?: unknown } | null)?.httpCode ?? '') === '404';
}

/**
 * The DSR process steps. GET /Workflows/DataSubject is in Dastra's 2024 endpoint table but NOT in
 * its OpenAPI document (unconfirmed): its answer may be a list, `{items}` or `{steps}`, and when it
 * answers 404 the steps are the distinct ones seen on the workspace's requests (one listing call),
 * so every step dropdown keeps working. Ordered by `order`.
 */
export async function listWorkflowSteps(this: DastraContext): Promise<IDataObject[]> {
	// The transport's errors are NodeApiErrors already: only a 404 is turned into the fallback.
	const res: unknown = await dastraRequest
		.call(this, 'GET', '/Workflows/DataSubject', { what: 'The step list' })
		.catch((error: unknown) => {
			if (isNotFound(error)) return STEP_LIST_MISSING;
			throw error;
		});
	if (res === STEP_LIST_MISSING) return await stepsSeenOnRequests.call(this);
	const wrapped = (res ?? {}) as IDataObject;
	const steps = Array.isArray(wrapped.steps)
		? (wrapped.steps as IDataObject[])
		: asPage<IDataObject>(res).items;
	return [...steps].sort(byOrder);
}

/** The distinct `workFlowStep`s on one page (the largest) of the workspace's most recently updated requests. */
async function stepsSeenOnRequests(this: DastraContext): Promise<IDataObject[]> {
	const res = await dastraRequest.call(this, 'GET', '/DataSubjectRequests', {
		qs: { page: 1, size: 500, sortBy: 'dateUpdate', asc: false },
		shape: 'page',
	});
	const seen = new Map<number, IDataObject>();
	for (const dsr of asPage<IDataObject>(res).items) {
		const step = dsr.workFlowStep as IDataObject | null | undefined;
		const id = Number(step?.id ?? dsr.workFlowStepId);
		if (!Number.isSafeInteger(id) || id <= 0 || seen.has(id)) continue;
		seen.set(id, step && typeof step === 'object' ? step : { id, label: `#${id}` });
	}
	return [...seen.values()].sort(byOrder);
}

export async function listTags(this: DastraContext): Promise<IDataObject[]> {
	const res = await dastraRequest.call(this, 'GET', '/Tags', { qs: { type: 'DataSubject' }, shape: 'list' });
	return asPage<IDataObject>(res).items;
}

/** GET /Tags once per execution (the context object n8n gives one node run), not once per item. */
const tagsByExecution = new WeakMap<object, Promise<IDataObject[]>>();

/**
 * The full tag objects (TagDto: id, label, type, color) for `ids`: Dastra's document requires
 * `label` and `type` on every tag a request carries. An unknown ID is refused before any write.
 */
export async function resolveTags(this: DastraContext, ids: number[]): Promise<IDataObject[]> {
	if (ids.length === 0) return [];
	let pending = tagsByExecution.get(this);
	if (!pending) {
		pending = listTags.call(this);
		tagsByExecution.set(this, pending);
		// A failed read is not kept: the next item may try again.
		pending.catch(() => tagsByExecution.delete(this));
	}
	const tags = await pending;
	return ids.map((id) => {
		const tag = tags.find((t) => Number(t.id) === id);
		if (!tag) {
			throw new InputError(
				`Tag ${id} does not exist in this workspace`,
				'Choose the tags from the list, or give IDs of data subject request tags (Tag > Get Many lists them).',
			);
		}
		return { id: tag.id, label: tag.label, type: tag.type ?? 'DataSubject', color: tag.color ?? null };
	});
}

/** Users of the tenant who can work in the credential's workspace. */
export async function listUsers(this: DastraContext, limit?: number): Promise<IDataObject[]> {
	return await dastraRequestAllItems.call(this, '/v1/TenantUsers', {}, { limit, tenant: true });
}
