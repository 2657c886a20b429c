import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../fields/common';
import { buildTaskListQuery, taskFiltersOption } from '../../fields/taskFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequestAllItems } from '../../transport/pager';

export const description = showOnlyFor({ resource: ['task'], operation: ['getAll'] }, [
	...returnAllOrLimit(),
	taskFiltersOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const { qs, keep } = buildTaskListQuery(this.getNodeParameter('filters', i, {}) as IDataObject);
	const tasks = await dastraRequestAllItems.call(this, '/Tasks', qs, { limit, keep });
	return tasks.map((json) => ({ json }));
}
