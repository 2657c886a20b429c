import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toEmail, toEnumList, toId, toIdList } from '../helpers/validate';
import { PURPOSES, STATES } from '../types';
import { entityIdOption, purposesOption, statesOption, tagIdsOption } from './common';

/** The request list's filters: Get Many and Export take the same collection (NODE-INTERFACE.md). */
export const dsrFiltersOption: INodeProperties = {
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
};

/** Sorting of the request list, for Get Many and Export. */
export const dsrListOptions: INodeProperties = {
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
};

/** The list query for the filters set, checked before any call. Exact-match rules go to `filters`. */
export function buildListQuery(filters: IDataObject, options: IDataObject) {
	const qs: IDataObject = {};
	const ids = (name: string, label: string) => toIdList(filters[name], label);
	if (filters.states !== undefined) qs.states = toEnumList(filters.states, STATES, 'State');
	if (filters.purposes !== undefined) qs.purposes = toEnumList(filters.purposes, PURPOSES, 'Purpose');
	if (filters.archived !== undefined) qs.archived = Boolean(filters.archived);
	if (filters.overtaking !== undefined) qs.overtaking = Boolean(filters.overtaking);
	if (filters.q) qs.q = String(filters.q);
	if (filters.widgetId) qs.widgetId = toId(filters.widgetId, 'Widget ID');
	if (filters.entityId) qs.areaId = toId(filters.entityId, 'Entity ID');
	if (filters.workflowStepIds !== undefined) qs.workflows = ids('workflowStepIds', 'Step ID');
	if (filters.userIds !== undefined) qs.users = ids('userIds', 'User ID');
	if (filters.ids !== undefined) qs.ids = ids('ids', 'Request ID');
	if (filters.tagIds !== undefined) qs.tags = ids('tagIds', 'Tag ID');
	for (const key of Object.keys(qs)) {
		if (Array.isArray(qs[key]) && (qs[key] as unknown[]).length === 0) delete qs[key];
	}

	const refId = filters.refId !== undefined && filters.refId !== null && String(filters.refId).trim() !== '' ? String(filters.refId) : undefined;
	const email = filters.email ? toEmail(filters.email) : undefined;
	const rules: IDataObject[] = [];
	if (refId !== undefined) rules.push({ field: 'RefId', operator: 'equal', value: refId });
	if (email !== undefined) rules.push({ field: 'Email', operator: 'equal', value: email });
	if (rules.length === 1) qs.filters = JSON.stringify(rules[0]);
	if (rules.length > 1) qs.filters = JSON.stringify({ separator: 'And', rules });

	if (options.sortBy) qs.sortBy = String(options.sortBy);
	if (options.ascending !== undefined) qs.asc = Boolean(options.ascending);

	// Dastra may ignore the `filters` rule (unconfirmed live), so exact matches are checked again here.
	const keep =
		rules.length === 0
			? undefined
			: (dsr: IDataObject) =>
					(refId === undefined || String(dsr.refId ?? '') === refId) &&
					(email === undefined || String(dsr.email ?? '').toLowerCase() === email.toLowerCase());
	return { qs, keep };
}
