import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { dsrFieldProperty } from '../../fields/dsrFields';
import { showOnlyFor, toOptions } from '../../helpers/displayOptions';
import { toEmail, toEnum, toId, toJsonObject, toPlainText } from '../../helpers/validate';
import { dastraCall } from '../../transport';
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
		...dsrFieldProperty('email'),
		required: true,
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
			dsrFieldProperty('additionalDatas'),
			dsrFieldProperty('givenName'),
			dsrFieldProperty('familyName'),
			{
				...dsrFieldProperty('message'),
				description: "The person's message, in plain text (HTML is refused), at most 3000 characters",
			},
			dsrFieldProperty('refId'),
			// The widget's own field (DataSubjectRequestPublicDto): not among a request's editable ones.
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

// POST /v1/client/save-request/{widgetId}: Dastra's widget docs page "Intégration de l'API" (moved
// with Dastra's docs; its new address is not known here, so no link).
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const widgetId = toId(this.getNodeParameter('widgetId', i), 'Widget ID');
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = {
		email: toEmail(this.getNodeParameter('email', i)),
		purpose: toEnum(this.getNodeParameter('purpose', i), PURPOSES, 'Purpose'),
	};
	// The public endpoint has its own rules (no length limits on names, no HTML in the message),
	// so the request table's converters are not used here, only its properties.
	if (extra.message !== undefined) body.message = toPlainText(extra.message, 3000, 'Message');
	for (const key of ['refId', 'givenName', 'familyName', 'userId']) {
		if (extra[key] !== undefined && extra[key] !== '') body[key] = String(extra[key]);
	}
	if (extra.additionalDatas !== undefined) {
		body.additionalDatas = toJsonObject(extra.additionalDatas, 'Additional Data');
	}
	// Dastra's public endpoint, authenticated by the credential's public key alone.
	const answer = (await dastraCall.call(this, 'public', 'POST', `/v1/client/save-request/${widgetId}`, {
		body,
		what: `Widget ${widgetId}`,
	})) as IDataObject;
	return [{ json: answer && typeof answer === 'object' ? answer : { submitted: true } }];
}
