import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor, toOptions } from '../../helpers/displayOptions';
import { toEmail, toEnum, toId, toJsonObject, toPlainText } from '../../helpers/validate';
import { widgetRequest } from '../../transport';
import { PURPOSES } from '../../types';

const properties: INodeProperties[] = [
	{
		displayName:
			'Submits a request as the person would through a Dastra widget: Dastra then emails them to confirm their identity. Needs the Public Key in the credential.',
		name: 'widgetNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Widget ID',
		name: 'widgetId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The ID of the data subject request widget, shown in its settings in Dastra',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		placeholder: 'name@email.com',
		default: '',
		description: 'The email address of the person making the request',
	},
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		required: true,
		options: toOptions(PURPOSES),
		default: 'Access',
		description: 'The right the person exercises',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Data',
				name: 'additionalDatas',
				type: 'json',
				default: '{}',
				description: 'Any extra JSON data to store on the request',
			},
			{ displayName: 'First Name', name: 'givenName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'familyName', type: 'string', default: '' },
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: "The person's message, in plain text (HTML is refused), at most 3000 characters",
			},
			{
				displayName: 'Reference ID',
				name: 'refId',
				type: 'string',
				default: '',
				description: 'Your own ID for the request, e.g. a helpdesk ticket number',
			},
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				description: "The person's ID in your own systems",
			},
		],
	},
];

export const description = showOnlyFor(
	{ resource: ['widgetSubmission'], operation: ['submit'] },
	properties,
);

// https://doc.dastra.eu/developers/widget-save-request
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const widgetId = toId(this.getNodeParameter('widgetId', i), 'Widget ID');
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = {
		email: toEmail(this.getNodeParameter('email', i)),
		purpose: toEnum(this.getNodeParameter('purpose', i), PURPOSES, 'Purpose'),
	};
	if (extra.message !== undefined) body.message = toPlainText(extra.message, 3000, 'Message');
	for (const key of ['refId', 'givenName', 'familyName', 'userId']) {
		if (extra[key] !== undefined && extra[key] !== '') body[key] = String(extra[key]);
	}
	if (extra.additionalDatas !== undefined) {
		body.additionalDatas = toJsonObject(extra.additionalDatas, 'Additional Data');
	}
	const answer = await widgetRequest.call(this, widgetId, body);
	return [{ json: answer && typeof answer === 'object' ? answer : { submitted: true } }];
}
