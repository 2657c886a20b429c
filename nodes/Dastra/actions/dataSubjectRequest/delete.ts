import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['dataSubjectRequest'], operation: ['delete'] }, [
	{
		displayName:
			'Deleting a request is irreversible: the request, its messages and attachments are gone for good. To keep a record of a handled request, use Archive instead.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	requestIdLocator,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	await dastraRequest.call(this, 'DELETE', `/DataSubjectRequests/${id}`, {
		what: `Data subject request ${id}`,
	});
	return [{ json: { deleted: true } }];
}
