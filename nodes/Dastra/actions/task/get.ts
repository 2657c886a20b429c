import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readTaskId, taskIdLocator } from '../../fields/taskFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { getTask } from '../../transport/tasks';

export const description = showOnlyFor({ resource: ['task'], operation: ['get'] }, [taskIdLocator]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return [{ json: await getTask.call(this, readTaskId.call(this, i)) }];
}
