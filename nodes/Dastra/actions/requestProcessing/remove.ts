import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import {
	processingDescriptionOption,
	chosenProcessingIds,
	processingIdsOptions,
	readProcessingDescription,
} from '../../fields/processing';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['requestProcessing'], operation: ['remove'] }, [
	requestIdLocator,
	...processingIdsOptions,
	processingDescriptionOption('Why these processings do not concern the request'),
]);

// Takes processings off the request; the processings themselves stay in the record.
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const requestId = readRequestId.call(this, i);
	const description = readProcessingDescription.call(this, i);
	const ids = await chosenProcessingIds.call(this, requestId, i);
	await dastraRequest.call(this, 'DELETE', `/DataSubjectRequestProcessings/${requestId}`, {
		// An undefined description is left out of the JSON body.
		body: { ids, description },
		what: `Data subject request ${requestId}`,
	});
	return [{ json: { deleted: true, dataSubjectRequestId: requestId, processingIds: ids } }];
}
