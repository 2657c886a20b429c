import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestId, requestIdLocator, simplifyOption, toDsrItems } from '../../fields/common';
import {
	MEMBERWISE_DSR_FIELDS,
	NESTED_DSR_FIELDS,
	mergeIntoDsr,
	toDsrBody,
	updateFieldOptions,
} from '../../fields/dsrFields';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toJsonPatch } from '../../helpers/jsonPatch';
import { InputError } from '../../helpers/validate';
import { resolveTags } from '../../transport/lookups';
import { patchOrPut } from '../../transport/patch';

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

const isDsr = (answer: unknown) =>
	answer !== null && typeof answer === 'object' && !Array.isArray(answer) && typeof (answer as IDataObject).id === 'number';

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	// Every field is checked before the first call, so bad input changes nothing.
	const changes = toDsrBody(this.getNodeParameter('updateFields', i, {}) as IDataObject, 'update');
	if (Object.keys(changes).length === 0) {
		throw new InputError('No field to update', 'Add at least one field under Update Fields.');
	}
	// Tags go as full TagDto objects (the document requires label and type), read once per execution.
	if (Array.isArray(changes.tags)) changes.tags = await resolveTags.call(this, changes.tags as number[]);
	// Dastra's integration guide: PATCH /DataSubjectRequests/{id} with a JSON Patch is the way to
	// push changes. One call, only the changed fields: a colleague's edit of another field survives.
	const { object, notice } = await patchOrPut.call(
		this,
		{
			path: `/DataSubjectRequests/${id}`,
			kind: 'DataSubjectRequests',
			what: `Data subject request ${id}`,
			readOnly: NESTED_DSR_FIELDS,
			merge: (current) => mergeIntoDsr(current, changes),
			isObject: isDsr,
		},
		toJsonPatch(changes, { memberwise: MEMBERWISE_DSR_FIELDS }),
	);
	const items = toDsrItems.call(this, [object], i);
	if (notice) items[0].json.notice = notice;
	return items;
}
