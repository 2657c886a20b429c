import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator, simplifyOption, toDsrItems } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { actOnDsr } from '../../transport/requests';

export const description = showOnlyFor({ resource: ['dataSubjectRequest'], operation: ['archive'] }, [
	requestIdLocator,
	simplifyOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	return toDsrItems.call(this, [await actOnDsr.call(this, id, `/DataSubjectRequests/archive/${id}`)], i);
}
