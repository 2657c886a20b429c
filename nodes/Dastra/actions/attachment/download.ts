import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fileIdOption, readRequestId, requestIdLocator } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toUuid } from '../../helpers/validate';
import { dastraDownload } from '../../transport';
import { fileNameFromDisposition } from '../../transport/multipart';

export const description = showOnlyFor({ resource: ['attachment'], operation: ['download'] }, [
	requestIdLocator,
	fileIdOption,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const fileId = toUuid(this.getNodeParameter('fileId', i), 'File ID');
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data';
	const { body, headers } = await dastraDownload.call(
		this,
		`/DataSubjectAttachments/${id}/download/${fileId}`,
		`Attachment ${fileId} of data subject request ${id}`,
	);
	const fileName = fileNameFromDisposition(headers['content-disposition']) ?? fileId;
	const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const data = await this.helpers.prepareBinaryData(body, fileName, mimeType);
	return [
		{
			json: { dataSubjectRequestId: id, fileId, fileName, mimeType, size: body.length },
			binary: { [property]: data },
		},
	];
}
