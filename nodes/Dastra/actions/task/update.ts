import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readTaskId, taskIdLocator, taskUpdateFieldOptions, toTaskChanges } from '../../fields/taskFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { JSON_PATCH_CONTENT_TYPE, toJsonPatch } from '../../helpers/jsonPatch';
import { InputError } from '../../helpers/validate';
import { dastraRequest } from '../../transport';
import { getTask, resolveTaskTags } from '../../transport/tasks';

export const description = showOnlyFor({ resource: ['task'], operation: ['update'] }, [
	taskIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change (an empty Description, Assignee, Deadline or Tags clears it); every other field of the task keeps its value',
		options: taskUpdateFieldOptions,
	},
]);

// PATCH /v1/ws/{workspaceId}/Tasks/{id} with a JSON Patch: one call, only the changed fields, so
// an edit made in Dastra meanwhile to another field is kept. Its answer has no documented body:
// the task is read back.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readTaskId.call(this, i);
	const { set, cleared } = toTaskChanges(this.getNodeParameter('updateFields', i, {}) as IDataObject, this.getTimezone(), 'update');
	if (Object.keys(set).length === 0 && cleared.length === 0) {
		throw new InputError('No field to update', 'Add at least one field under Update Fields.');
	}
	if (Array.isArray(set.tags)) set.tags = await resolveTaskTags.call(this, set.tags as number[]);
	await dastraRequest.call(this, 'PATCH', `/Tasks/${id}`, {
		// A cleared field is a `remove`: null in the changes.
		body: toJsonPatch({ ...set, ...Object.fromEntries(cleared.filter((key) => !(key in set)).map((key) => [key, null])) }),
		headers: { 'Content-Type': JSON_PATCH_CONTENT_TYPE },
		what: `Task ${id}`,
	});
	return [{ json: await getTask.call(this, id) }];
}
