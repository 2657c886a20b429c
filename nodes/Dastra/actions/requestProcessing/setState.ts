import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import {
	processingDescriptionOption,
	chosenProcessingIds,
	processingIdsOptions,
	processingItems,
	processingStateOption,
	readProcessingDescription,
	simplifyProcessingsOption,
} from '../../fields/processing';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toEnum } from '../../helpers/validate';
import { dastraRequest } from '../../transport';
import { PROCESSING_STATES } from '../../types';

export const description = showOnlyFor({ resource: ['requestProcessing'], operation: ['setState'] }, [
	requestIdLocator,
	processingStateOption,
	...processingIdsOptions,
	processingDescriptionOption('Why, e.g. what the system answered; Dastra keeps it with the processing'),
	simplifyProcessingsOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const requestId = readRequestId.call(this, i);
	const state = toEnum(this.getNodeParameter('state', i), PROCESSING_STATES, 'State');
	const description = readProcessingDescription.call(this, i);
	const ids = await chosenProcessingIds.call(this, requestId, i);
	await dastraRequest.call(this, 'POST', `/DataSubjectRequestProcessings/${requestId}/${state}`, {
		// An undefined description is left out of the JSON body.
		body: { ids, description },
		what: `Data subject request ${requestId}`,
	});
	// The answer is undocumented ("Success"): return the processings as they now stand.
	return await processingItems.call(this, requestId, i, ids);
}
