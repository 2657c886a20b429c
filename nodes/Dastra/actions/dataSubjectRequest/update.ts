import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator, simplifyOption, toDsrItems } from '../../fields/common';
import { mergeIntoDsr, toDsrBody, updateFieldOptions } from '../../fields/dsrFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError } from '../../helpers/validate';
import { dastraRequest } from '../../transport';
import { resolveTags } from '../../transport/lookups';
import { getDsr } from '../../transport/requests';

export const description = showOnlyFor({ resource: ['dataSubjectRequest'], operation: ['update'] }, [
	requestIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; every other field of the request keeps its value',
		options: updateFieldOptions,
	},
	simplifyOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	// Every field is checked before the first call, so bad input changes nothing.
	const changes = toDsrBody(this.getNodeParameter('updateFields', i, {}) as IDataObject, 'update');
	if (Object.keys(changes).length === 0) {
		throw new InputError('No field to update', 'Add at least one field under Update Fields.');
	}
	// Tags go as full TagDto objects (the document requires label and type), read once per execution.
	if (Array.isArray(changes.tags)) changes.tags = await resolveTags.call(this, changes.tags as number[]);
	// Dastra's PUT replaces the whole request, so read it and send it back with only the
	// user's changes applied. (Its JSON Patch endpoint is in the OpenAPI but unconfirmed live.)
	const current = await getDsr.call(this, id);
	const dsr = await dastraRequest.call(this, 'PUT', `/DataSubjectRequests/${id}`, {
		body: mergeIntoDsr(current, changes),
		what: `Data subject request ${id}`,
	});
	return toDsrItems.call(this, [dsr], i);
}
