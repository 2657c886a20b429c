import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readLimit, readRequestId, requestIdLocator, returnAllOrLimit } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError } from '../../helpers/validate';
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
				description: 'Only messages sent at or before this time',
			},
		],
	},
]);

function toIsoDate(value: unknown, label: string): string {
	const ms = Date.parse(String(value));
	if (Number.isNaN(ms)) {
		throw new InputError(`${label} "${String(value)}" is not a date`, `Give ${label} as a date such as 2026-01-31 or 2026-01-31T12:00:00Z.`);
	}
	return new Date(ms).toISOString();
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = readRequestId.call(this, i);
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = { dataSubjectRequestId: id };
	if (filters.start) qs.start = toIsoDate(filters.start, 'From');
	if (filters.end) qs.end = toIsoDate(filters.end, 'To');
	if (filters.q) qs.q = String(filters.q);
	const messages = await dastraRequestAllItems.call(this, '/DataSubjectMessages', qs, { limit });
	return messages.map((json) => ({ json }));
}
