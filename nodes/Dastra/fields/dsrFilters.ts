import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toEmail, toEnumList, toId, toIdList } from '../helpers/validate';
import { PURPOSES, STATES } from '../types';
import { entityIdOption, purposesOption, statesOption, tagIdsOption } from './common';

/**
 * The one schema of the request list's filters: the properties (below), the query they build
 * (`toDsrListQuery`) and the match of one request against them (`matches`). Get Many and Export
 * take the whole collection (NODE-INTERFACE.md); the trigger offers the filters it can check on a
 * request it sees (`dsrFiltersCollection` with the names it keeps).
 */
const filterOptions: INodeProperties[] = [
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
];

export type DsrFilterName =
	| 'archived'
	| 'email'
	| 'entityId'
	| 'ids'
	| 'overtaking'
	| 'purposes'
	| 'refId'
	| 'q'
	| 'states'
	| 'tagIds'
	| 'workflowStepIds'
	| 'userIds'
	| 'widgetId';

/** The Filters collection with only the named filters (all of them by default). */
export function dsrFiltersCollection(
	names?: readonly DsrFilterName[],
	description?: string,
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		...(description ? { description } : {}),
		options: names ? filterOptions.filter((o) => names.includes(o.name as DsrFilterName)) : filterOptions,
	};
}

/** The request list's filters: Get Many and Export take the same collection (NODE-INTERFACE.md). */
export const dsrFiltersOption = dsrFiltersCollection();

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

/** The filters as read and checked: what the list query and `matches` both take. */
export interface DsrFilters {
	states?: string[];
	purposes?: string[];
	archived?: boolean;
	overtaking?: boolean;
	q?: string;
	widgetId?: number;
	entityId?: number;
	workflowStepIds?: number[];
	userIds?: number[];
	ids?: number[];
	tagIds?: number[];
	refId?: string;
	email?: string;
}

/** The Filters collection as set, checked before any call (InputError otherwise). Empty lists are unset. */
export function readDsrFilters(raw: IDataObject): DsrFilters {
	const f: DsrFilters = {};
	const ids = (name: string, label: string) => toIdList(raw[name], label);
	if (raw.states !== undefined) f.states = toEnumList(raw.states, STATES, 'State');
	if (raw.purposes !== undefined) f.purposes = toEnumList(raw.purposes, PURPOSES, 'Purpose');
	if (raw.archived !== undefined) f.archived = Boolean(raw.archived);
	if (raw.overtaking !== undefined) f.overtaking = Boolean(raw.overtaking);
	if (raw.q) f.q = String(raw.q);
	if (raw.widgetId) f.widgetId = toId(raw.widgetId, 'Widget ID');
	if (raw.entityId) f.entityId = toId(raw.entityId, 'Entity ID');
	if (raw.workflowStepIds !== undefined) f.workflowStepIds = ids('workflowStepIds', 'Step ID');
	if (raw.userIds !== undefined) f.userIds = ids('userIds', 'User ID');
	if (raw.ids !== undefined) f.ids = ids('ids', 'Request ID');
	if (raw.tagIds !== undefined) f.tagIds = ids('tagIds', 'Tag ID');
	if (raw.refId !== undefined && raw.refId !== null && String(raw.refId).trim() !== '') f.refId = String(raw.refId);
	if (raw.email) f.email = toEmail(raw.email);
	for (const key of Object.keys(f) as Array<keyof DsrFilters>) {
		if (Array.isArray(f[key]) && (f[key] as unknown[]).length === 0) delete f[key];
	}
	return f;
}

/**
 * The list query for the filters: Dastra's own parameters, and a `filters` rule for the exact
 * matches it has no parameter for (Reference ID, Email).
 */
export function toDsrListQuery(f: DsrFilters): IDataObject {
	const qs: IDataObject = {};
	if (f.states) qs.states = f.states;
	if (f.purposes) qs.purposes = f.purposes;
	if (f.archived !== undefined) qs.archived = f.archived;
	if (f.overtaking !== undefined) qs.overtaking = f.overtaking;
	if (f.q) qs.q = f.q;
	if (f.widgetId) qs.widgetId = f.widgetId;
	if (f.entityId) qs.areaId = f.entityId;
	if (f.workflowStepIds) qs.workflows = f.workflowStepIds;
	if (f.userIds) qs.users = f.userIds;
	if (f.ids) qs.ids = f.ids;
	if (f.tagIds) qs.tags = f.tagIds;
	const rules: IDataObject[] = [];
	if (f.refId !== undefined) rules.push({ field: 'RefId', operator: 'equal', value: f.refId });
	if (f.email !== undefined) rules.push({ field: 'Email', operator: 'equal', value: f.email });
	if (rules.length === 1) qs.filters = JSON.stringify(rules[0]);
	if (rules.length > 1) qs.filters = JSON.stringify({ separator: 'And', rules });
	return qs;
}

/** Whether the query carries a `filters` rule, which Dastra may ignore (unconfirmed live). */
export function hasExactRule(f: DsrFilters): boolean {
	return f.refId !== undefined || f.email !== undefined;
}

const oneOf = <T>(wanted: T[] | undefined, value: T) => !wanted || wanted.includes(value);
const anyOf = <T>(wanted: T[] | undefined, values: T[]) => !wanted || values.some((v) => wanted.includes(v));
const idOf = (value: unknown) => (typeof value === 'number' ? value : Number.NaN);

/**
 * Whether one request, as Dastra returns it, meets the filters it carries the fields for. Search
 * Text, Archived, Overdue and the assigned users are Dastra's to apply: a request shows no
 * assignee list, Dastra's text search is its own, and the deadline moves with its clock.
 */
export function matches(dsr: IDataObject, f: DsrFilters): boolean {
	const tags = Array.isArray(dsr.tags) ? (dsr.tags as IDataObject[]).map((t) => idOf(t?.id)) : [];
	const purposes = Array.isArray(dsr.purposes) ? (dsr.purposes as string[]) : [];
	return (
		oneOf(f.states, String(dsr.state ?? '')) &&
		anyOf(f.purposes, purposes) &&
		(f.entityId === undefined || idOf(dsr.areaId) === f.entityId) &&
		(f.widgetId === undefined || idOf(dsr.widgetId) === f.widgetId) &&
		anyOf(f.tagIds, tags) &&
		oneOf(f.workflowStepIds, idOf(dsr.workFlowStepId)) &&
		oneOf(f.ids, idOf(dsr.id)) &&
		(f.refId === undefined || String(dsr.refId ?? '') === f.refId) &&
		(f.email === undefined || String(dsr.email ?? '').toLowerCase() === f.email.toLowerCase())
	);
}

/** Get Many's and Export's query: filters and sorting, checked before any call. */
export function buildListQuery(rawFilters: IDataObject, options: IDataObject) {
	const filters = readDsrFilters(rawFilters);
	const qs = toDsrListQuery(filters);
	if (options.sortBy) qs.sortBy = String(options.sortBy);
	if (options.ascending !== undefined) qs.asc = Boolean(options.ascending);
	// Dastra may ignore the `filters` rule (unconfirmed live), so the answer is checked again here.
	const keep = hasExactRule(filters) ? (dsr: IDataObject) => matches(dsr, filters) : undefined;
	return { qs, keep };
}
