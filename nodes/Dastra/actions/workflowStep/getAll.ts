import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getManyLookup, returnAllOrLimit } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { listWorkflowSteps } from '../../transport/lookups';

export const description = showOnlyFor({ resource: ['workflowStep'], operation: ['getAll'] }, returnAllOrLimit());

// GET /Workflows/DataSubject, one unpaged list (on a 404, the steps seen on recent requests:
// transport/lookups.ts); getManyLookup cuts it to Limit.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await getManyLookup.call(this, i, listWorkflowSteps);
}
