import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { entityIdOption, purposesOption, simplifyOption, toDsrItems } from '../../fields/common';
import {
	createFieldOptions,
	entityRule,
	localeRule,
	purposesRule,
	titleRule,
	toDsrBody,
} from '../../fields/dsrFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Erasure request from ticket #4521',
	},
	{ ...entityIdOption, required: true },
	{ ...purposesOption, required: true },
	{
		displayName: 'Locale',
		name: 'locale',
		type: 'string',
		required: true,
		default: 'en',
		description: 'The language Dastra writes to the person in (a code such as en, fr, de)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: createFieldOptions,
	},
	simplifyOption,
];

export const description = showOnlyFor(
	{ resource: ['dataSubjectRequest'], operation: ['create'] },
	properties,
);

// https://doc.dastra.eu/developers/dsr-api-integration#create-a-new-data-subject-rights-request-in-dastra
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const body: IDataObject = {
		title: titleRule(this.getNodeParameter('title', i)),
		areaId: entityRule(this.getNodeParameter('entityId', i)),
		purposes: purposesRule(this.getNodeParameter('purposes', i)),
		locale: localeRule(this.getNodeParameter('locale', i)),
		...toDsrBody(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	};
	const dsr = await dastraRequest.call(this, 'POST', '/DataSubjectRequests', { body });
	return toDsrItems.call(this, [dsr], i);
}
