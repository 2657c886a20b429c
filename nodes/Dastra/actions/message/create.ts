import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator } from '../../fields/common';
import { LIMITS } from '../../fields/limits.generated';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError, maxLength, toUuid } from '../../helpers/validate';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['message'], operation: ['create'] }, [
	requestIdLocator,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default: '',
		description: 'What to write to the person, at most 3000 characters. Dastra sends it by email and keeps it on the request.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attachment IDs',
				name: 'attachmentIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description:
					'Files already uploaded to the request (Attachment > Upload) to send with the message, comma-separated',
			},
		],
	},
]);

// POST /v1/ws/{workspaceId}/DataSubjectMessages: Dastra's API reference, https://api.dastra.eu/swagger/index.html
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const message = maxLength(
		this.getNodeParameter('message', i),
		LIMITS.DataSubjectMessageCreationDto.message.maxLength,
		'Message',
	);
	if (message.trim() === '') throw new InputError('Message is empty', 'Write the message to send.');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const attachments = String(options.attachmentIds ?? '')
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '')
		.map((v) => ({ id: toUuid(v, 'Attachment ID') }));
	const body: IDataObject = { message, dataSubjectRequestId: id };
	if (attachments.length) body.attachments = attachments;
	const answer = await dastraRequest.call(this, 'POST', '/DataSubjectMessages', {
		body,
		what: `Data subject request ${id}`,
	});
	// The answer is undocumented ("Success"): return the message if Dastra sends it back.
	return [{ json: answer && typeof answer === 'object' && answer.id ? answer : { sent: true, ...body } }];
}
