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
import { buildListQuery } from '../../fields/dsrFilters';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError } from '../../helpers/validate';
import { dastraRequest } from '../../transport';
import { resolveTags } from '../../transport/lookups';
import { dastraRequestAllItems } from '../../transport/pager';
import { getDsr } from '../../transport/requests';

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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Reuse Request With Same Reference ID',
				name: 'reuseByRefId',
				type: 'boolean',
				default: true,
				description:
					'Whether to return the existing request, instead of creating a second one, when a request with the same Reference ID exists (a helpdesk that sends a ticket twice then files one request). Needs Reference ID under Additional Fields.',
			},
		],
	},
	simplifyOption,
];

export const description = showOnlyFor(
	{ resource: ['dataSubjectRequest'], operation: ['create'] },
	properties,
);

// https://doc.dastra.eu/en/features/gerer-les-exercices-des-droits/api-integration#create-a-new-data-subject-rights-request-in-dastra
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const body: IDataObject = {
		title: titleRule(this.getNodeParameter('title', i)),
		areaId: entityRule(this.getNodeParameter('entityId', i)),
		purposes: purposesRule(this.getNodeParameter('purposes', i)),
		locale: localeRule(this.getNodeParameter('locale', i)),
		...toDsrBody(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	};
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (options.reuseByRefId) {
		if (!body.refId) {
			throw new InputError(
				'Reuse Request With Same Reference ID needs a Reference ID',
				'Add Reference ID under Additional Fields (e.g. the ticket number), or turn the option off.',
			);
		}
		// Archived requests count too: a ticket sent again after its request was archived is no new request.
		for (const archived of [false, true]) {
			const { qs, keep } = buildListQuery({ refId: body.refId, archived }, { sortBy: 'dateCreation', ascending: true });
			const [existing] = await dastraRequestAllItems.call(this, '/DataSubjectRequests', qs, { limit: 1, keep });
			if (existing) return toDsrItems.call(this, [existing], i);
		}
	}
	if (Array.isArray(body.tags)) body.tags = await resolveTags.call(this, body.tags as number[]);
	// Dastra answers a create with the light object (no area, tags, operator, step objects):
	// read the request back so the output names its entity, step and tags.
	const light = await dastraRequest.call(this, 'POST', '/DataSubjectRequests', { body });
	return toDsrItems.call(this, [await readBack.call(this, light, body)], i);
}

/**
 * The created request as GET answers it. The create has happened by then, so a failed read is
 * not an error: the light answer goes out, with the tags that were sent.
 */
async function readBack(this: IExecuteFunctions, light: IDataObject, sent: IDataObject): Promise<IDataObject> {
	const id = Number(light?.id);
	if (Number.isSafeInteger(id) && id > 0) {
		try {
			return await getDsr.call(this, id);
		} catch {
			// fall through to the light answer
		}
	}
	return { ...sent, ...light, tags: light?.tags ?? sent.tags ?? [] };
}
