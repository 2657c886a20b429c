import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { labelRule, taskCreateFieldOptions, toTaskChanges } from '../../fields/taskFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';
import { resolveTaskTags } from '../../transport/tasks';

const properties: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Erase the customer from the CRM',
		description: 'What is to be done, as the task list shows it (at most 120 characters)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: taskCreateFieldOptions,
	},
];

export const description = showOnlyFor({ resource: ['task'], operation: ['create'] }, properties);

// POST /v1/ws/{workspaceId}/Tasks (TaskCreateUpdateDto; only label is required). A task belongs
// to a request through objectType "DataSubject" and objectId, the request's ID as a string.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// Every field is checked before the first call.
	const label = labelRule(this.getNodeParameter('label', i));
	const { set } = toTaskChanges(this.getNodeParameter('additionalFields', i, {}) as IDataObject, this.getTimezone(), 'create');
	const body: IDataObject = { label, ...set };
	if (Array.isArray(body.tags)) body.tags = await resolveTaskTags.call(this, body.tags as number[]);
	const task = await dastraRequest.call(this, 'POST', '/Tasks', { body });
	return [{ json: task }];
}
