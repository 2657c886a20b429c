import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	readId,
	readRequestId,
	requestIdLocator,
	simplifyOption,
	stepIdOption,
	toDsrItems,
} from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { actOnDsr } from '../../transport/requests';

export const description = showOnlyFor(
	{ resource: ['dataSubjectRequest'], operation: ['changeStep'] },
	[requestIdLocator, stepIdOption, simplifyOption],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const stepId = readId.call(this, 'stepId', 'Step ID', i);
	const dsr = await actOnDsr.call(this, id, '/DataSubjectRequests/workflow', { id, stepId });
	return toDsrItems.call(this, [dsr], i);
}
