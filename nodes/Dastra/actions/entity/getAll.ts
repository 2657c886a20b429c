import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getManyLookup, returnAllOrLimit } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { listEntities } from '../../transport/lookups';

export const description = showOnlyFor({ resource: ['entity'], operation: ['getAll'] }, returnAllOrLimit());

// GET /Areas?type=Entity, paged: Limit sets the page size.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await getManyLookup.call(this, i, listEntities);
}
