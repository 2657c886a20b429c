import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readLimit, readRequestId, requestIdLocator, returnAllOrLimit } from '../../fields/common';
import { toIsoDate, TYPED_DATE_HINT } from '../../helpers/dates';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequestAllItems } from '../../transport/pager';

export const description = showOnlyFor({ resource: ['message'], operation: ['getAll'] }, [
	requestIdLocator,
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'From',
				name: 'start',
				type: 'dateTime',
				default: '',
				hint: TYPED_DATE_HINT,
				description: 'Only messages sent at or after this time',
			},
			{
				displayName: 'Search Text',
				name: 'q',
				type: 'string',
				default: '',
				description: 'Only messages containing this text',
			},
			{
				displayName: 'To',
				name: 'end',
				type: 'dateTime',
				default: '',
				hint: TYPED_DATE_HINT,
				description: 'Only messages sent at or before this time',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { dataSubjectRequestId: id };
	if (filters.start) qs.start = toIsoDate(filters.start, 'From', this.getTimezone());
	if (filters.end) qs.end = toIsoDate(filters.end, 'To', this.getTimezone());
	if (filters.q) qs.q = String(filters.q);
	const messages = await dastraRequestAllItems.call(this, '/DataSubjectMessages', qs, { limit });
	return messages.map((json) => ({ json }));
}
