/** Tasks (`/Tasks`): the calls every task operation, the trigger and the webhook trigger share. */
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../helpers/validate';
import type { DastraContext } from './index';
import { dastraRequest } from './index';
import { asPage } from './pager';

const what = (id: number) => `Task ${id}`;

/** GET one task; a 404 names the task and the workspace. */
export async function getTask(this: DastraContext, id: number): Promise<IDataObject> {
	return await dastraRequest.call(this, 'GET', `/Tasks/${id}`, { what: what(id) });
}

/** The workspace's task tags (TagType `Task`). */
export async function listTaskTags(this: DastraContext): Promise<IDataObject[]> {
	const res = await dastraRequest.call(this, 'GET', '/Tags', { qs: { type: 'Task' } });
	return asPage<IDataObject>(res).items;
}

/**
 * The full tag objects (TagDto: label and type are required) for `ids`, read once per call. An
 * unknown ID is refused before anything is written.
 */
export async function resolveTaskTags(this: DastraContext, ids: number[]): Promise<IDataObject[]> {
	if (ids.length === 0) return [];
	const tags = await listTaskTags.call(this);
	return ids.map((id) => {
		const tag = tags.find((t) => Number(t.id) === id);
		if (!tag) {
			throw new InputError(
				`Tag ${id} is not a task tag of this workspace`,
				'Choose the tags from the list, or give IDs of task tags.',
			);
		}
		return { id: tag.id, label: tag.label, type: tag.type ?? 'Task', color: tag.color ?? null };
	});
}
