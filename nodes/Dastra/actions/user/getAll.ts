import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getManyLookup, returnAllOrLimit } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { listUsers } from '../../transport/lookups';

export const description = showOnlyFor({ resource: ['user'], operation: ['getAll'] }, returnAllOrLimit());

// GET /v1/TenantUsers?workspaceId=..., paged: Limit sets the page size.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return await getManyLookup.call(this, i, listUsers);
}
