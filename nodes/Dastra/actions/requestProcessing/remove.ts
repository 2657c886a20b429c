import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import {
	processingDescriptionOption,
	chosenProcessingIds,
	processingIdsOptions,
	readProcessingDescription,
} from '../../fields/processing';
import { showOnlyFor } from '../../helpers/displayOptions';
import { processingIdOf } from '../../helpers/simplify';
import { dastraRequest } from '../../transport';
import { listProcessings } from '../../transport/processings';

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
	await dastraRequest
		.call(this, 'DELETE', `/DataSubjectRequestProcessings/${requestId}`, {
			// An undefined description is left out of the JSON body.
			body: { ids, description },
			what: `Data subject request ${requestId}`,
		})
		.catch(async (error: unknown) => {
			// A try whose answer was lost may have removed them; the retry is then refused (they are
			// no longer linked). Gone is what was asked: read the list to tell that from a real refusal.
			if (!(await removedAfterLostAnswer.call(this, error, requestId, ids))) throw error;
		});
	return [{ json: { deleted: true, dataSubjectRequestId: requestId, processingIds: ids } }];
}

async function removedAfterLostAnswer(this: IExecuteFunctions, error: unknown, requestId: number, ids: string[]): Promise<boolean> {
	const e = error as { context?: { afterLostAnswer?: unknown }; httpCode?: unknown };
	if (e?.context?.afterLostAnswer !== true || !['400', '404'].includes(String(e.httpCode))) return false;
	const linked = new Set((await listProcessings.call(this, requestId)).map((p) => processingIdOf(p).toLowerCase()));
	return ids.every((id) => !linked.has(id.toLowerCase()));
}
