import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import { processingItems, simplifyProcessingsOption } from '../../fields/processing';
import { showOnlyFor } from '../../helpers/displayOptions';

export const description = showOnlyFor({ resource: ['requestProcessing'], operation: ['getAll'] }, [
	requestIdLocator,
	simplifyProcessingsOption,
]);

// GET /DataSubjectRequestProcessings/{requestId}: one item per processing; the list is not paged.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const requestId = readRequestId.call(this, i);
	return await processingItems.call(this, requestId, i);
}
