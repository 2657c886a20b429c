import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readLimit, returnAllOrLimit, simplifyOption, toDsrItems } from '../../fields/common';
import { buildListQuery, dsrFiltersOption, dsrListOptions } from '../../fields/dsrFilters';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequestAllItems } from '../../transport/pager';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	dsrFiltersOption,
	dsrListOptions,
	simplifyOption,
];

export const description = showOnlyFor(
	{ resource: ['dataSubjectRequest'], operation: ['getAll'] },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const { qs, keep } = buildListQuery(
		this.getNodeParameter('filters', i, {}) as IDataObject,
		this.getNodeParameter('options', i, {}) as IDataObject,
	);
	const dsrs = await dastraRequestAllItems.call(this, '/DataSubjectRequests', qs, { limit, keep });
	return toDsrItems.call(this, dsrs, i);
}
