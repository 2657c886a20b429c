import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { binaryPropertyOption, readRequestId, requestIdLocator } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError } from '../../helpers/validate';
import { dastraRequest } from '../../transport';
import { multipartFile } from '../../transport/multipart';

export const description = showOnlyFor({ resource: ['attachment'], operation: ['upload'] }, [
	requestIdLocator,
	binaryPropertyOption('The binary field of the input item that holds the file to attach, e.g. an export or an erasure certificate'),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim();
	const binary = this.getInputData()[i].binary ?? {};
	if (!binary[property]) {
		const present = Object.keys(binary);
		throw new InputError(
			`Item ${i} has no binary field "${property}"`,
			present.length
				? `Its binary fields are: ${present.join(', ')}. Set Input Binary Field to the one that holds the file.`
				: 'It has no file at all: put a node that reads or downloads the file (e.g. Read/Write Files, HTTP Request) before this one.',
		);
	}
	const file = binary[property];
	const bytes = await this.helpers.getBinaryDataBuffer(i, property);
	const fileName = file.fileName || `file${file.fileExtension ? `.${file.fileExtension}` : ''}`;
	const { body, contentType } = multipartFile('File', fileName, file.mimeType || 'application/octet-stream', bytes);
	const answer = await dastraRequest.call(this, 'POST', `/DataSubjectAttachments/${id}`, {
		body,
		headers: { 'Content-Type': contentType },
		what: `Data subject request ${id}`,
	});
	return [{ json: answer }];
}
