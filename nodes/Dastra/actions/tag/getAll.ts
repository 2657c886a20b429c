import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getManyLookup, returnAllOrLimit } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { listTags } from '../../transport/lookups';

export const description = showOnlyFor({ resource: ['tag'], operation: ['getAll'] }, returnAllOrLimit());

// GET /Tags?type=DataSubject: one unpaged list; getManyLookup cuts it to Limit.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await getManyLookup.call(this, i, listTags);
}
