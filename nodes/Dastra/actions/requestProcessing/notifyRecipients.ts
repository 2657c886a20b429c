import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import {
	chosenProcessingIds,
	processingIdsOptions,
	processingItems,
	simplifyProcessingsOption,
} from '../../fields/processing';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['requestProcessing'], operation: ['notifyRecipients'] }, [
	requestIdLocator,
	...processingIdsOptions,
	simplifyProcessingsOption,
]);

// GDPR art. 19: the recipients of the data of each processing are told of the rectification,
// erasure or restriction. Dastra sends the notifications; the body is the bare UUID array.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const requestId = readRequestId.call(this, i);
	const ids = await chosenProcessingIds.call(this, requestId, i);
	await dastraRequest.call(this, 'POST', `/DataSubjectRequestProcessings/notification/${requestId}`, {
		// A JSON array of strings: the transport's body type names objects only, the wire is the same.
		body: ids as unknown as IDataObject[],
		what: `Data subject request ${requestId}`,
	});
	return await processingItems.call(this, requestId, i, ids);
}
