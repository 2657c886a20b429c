import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fileIdOption, readRequestId, requestIdLocator } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toUuid } from '../../helpers/validate';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['attachment'], operation: ['delete'] }, [
	requestIdLocator,
	fileIdOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const fileId = toUuid(this.getNodeParameter('fileId', i), 'File ID');
	await dastraRequest.call(this, 'DELETE', `/DataSubjectAttachments/${id}/${fileId}`, {
		what: `Attachment ${fileId} of data subject request ${id}`,
	});
	return [{ json: { deleted: true } }];
}
