import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readTaskId, taskIdLocator } from '../../fields/taskFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['task'], operation: ['archive'] }, [taskIdLocator]);

// POST /Tasks/{id}/archive {archived: true}; the document gives its answer no body. The task when
// Dastra answers with it, else {archived: true} (NODE-INTERFACE.md).
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readTaskId.call(this, i);
	const res = (await dastraRequest.call(this, 'POST', `/Tasks/${id}/archive`, {
		body: { archived: true },
		what: `Task ${id}`,
	})) as IDataObject | string | undefined;
	const task = res && typeof res === 'object' && !Array.isArray(res) && 'id' in res ? res : undefined;
	return [{ json: task ?? { archived: true } }];
}
