import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator, simplifyOption, toDsrItems } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { getDsr } from '../../transport/requests';

export const description = showOnlyFor({ resource: ['dataSubjectRequest'], operation: ['get'] }, [
	requestIdLocator,
	simplifyOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	return toDsrItems.call(this, [await getDsr.call(this, id)], i);
}
