import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	entityIdOption,
	purposesOption,
	readLimit,
	returnAllOrLimit,
	simplifyOption,
	statesOption,
	tagIdsOption,
	toDsrItems,
} from '../../fields/common';
import { buildListQuery } from '../../fields/dsrFilters';
import { showOnlyFor } from '../../helpers/displayOptions';
import { dastraRequestAllItems } from '../../transport/pager';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'boolean',
				default: false,
				description: 'Whether to return archived requests instead of active ones',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: "Only requests from this exact email address (case doesn't matter)",
			},
			{ ...entityIdOption, description: 'Only requests addressed to this entity' },
			{
				displayName: 'IDs',
				name: 'ids',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12, 13',
				description: 'Only these requests, as a comma-separated list of IDs',
			},
			{
				displayName: 'Overdue',
				name: 'overtaking',
				type: 'boolean',
				default: true,
				description: 'Whether to return only requests whose legal deadline has passed',
			},
			{ ...purposesOption, description: 'Only requests with one of these purposes' },
			{
				displayName: 'Reference ID',
				name: 'refId',
				type: 'string',
				default: '',
				description: 'Only requests with exactly this reference ID, e.g. a helpdesk ticket number',
			},
			{
				displayName: 'Search Text',
				name: 'q',
				type: 'string',
				default: '',
				description: 'Only requests whose title contains this text',
			},
			{ ...statesOption, description: 'Only requests in one of these states' },
			{
				...tagIdsOption,
				description:
					'Only requests with one of these tags. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Step Names or IDs',
				name: 'workflowStepIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getWorkflowSteps' },
				default: [],
				description:
					'Only requests at one of these process steps. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'User Names or IDs',
				name: 'userIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: [],
				description:
					'Only requests assigned to one of these users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Widget ID',
				name: 'widgetId',
				type: 'number',
				default: 0,
				description: 'Only requests submitted through this widget',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Creation Date', value: 'dateCreation' },
					{ name: 'Deadline', value: 'expiryTime' },
					{ name: 'ID', value: 'id' },
					{ name: 'Last Update', value: 'dateUpdate' },
					{ name: 'State', value: 'state' },
					{ name: 'Title', value: 'title' },
				],
				default: 'dateCreation',
			},
			{
				displayName: 'Ascending',
				name: 'ascending',
				type: 'boolean',
				default: false,
				description: 'Whether to sort oldest or smallest first',
			},
		],
	},
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
