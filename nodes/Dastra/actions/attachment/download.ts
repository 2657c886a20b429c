import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputBinaryOption, readOutputBinaryField, toBinary } from '../../fields/binary';
import { fileIdOption, readRequestId, requestIdLocator } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toUuid } from '../../helpers/validate';
import { dastraDownload } from '../../transport';

export const description = showOnlyFor({ resource: ['attachment'], operation: ['download'] }, [
	requestIdLocator,
	fileIdOption,
	outputBinaryOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const fileId = toUuid(this.getNodeParameter('fileId', i), 'File ID');
	const property = readOutputBinaryField.call(this, i);
	const { body, headers } = await dastraDownload.call(
		this,
		`/DataSubjectAttachments/${id}/download/${fileId}`,
		`Attachment ${fileId} of data subject request ${id}`,
	);
	const { data, fileName, mimeType } = await toBinary.call(this, body, headers, {
		fileName: fileId,
		mimeType: 'application/octet-stream',
	});
	return [
		{
			json: { dataSubjectRequestId: id, fileId, fileName, mimeType, size: body.length },
			binary: { [property]: data },
		},
	];
}
