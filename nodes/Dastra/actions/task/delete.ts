import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readTaskId, taskIdLocator } from '../../fields/taskFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['task'], operation: ['delete'] }, [
	{
		displayName: 'Deleting a task is irreversible. To keep a record of work done, close or archive it instead.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	taskIdLocator,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readTaskId.call(this, i);
	await dastraRequest.call(this, 'DELETE', `/Tasks/${id}`, { what: `Task ${id}` });
	return [{ json: { deleted: true } }];
}
