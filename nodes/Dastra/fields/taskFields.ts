/**
 * The one table of a task's fields (NODE-INTERFACE.md, "Third release"): the UI property, the
 * key in Dastra's TaskCreateUpdateDto and the conversion. Create and Update build their bodies
 * from it; Get Many's filters and the task locator live here too.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toOptions } from '../helpers/displayOptions';
import { InputError, maxLength, toEnum, toId, toIdList, toText } from '../helpers/validate';
import { TYPED_DATE_HINT, toIsoDate } from '../helpers/dates';
import { TASK_PRIORITIES, TASK_STATES } from '../types';
import { entityIdOption } from './common';

/** TaskCreateUpdateDto.label: maxLength 120 in Dastra's document. */
const LABEL_MAX = 120;

// ---- the task locator --------------------------------------------------------------------

/**
 * A task page's URL: the path names tasks (tasks or task) and ends in the ID, e.g.
 * https://app.dastra.eu/workspace/7/tasks/42; or any Dastra page with `taskId=42` in its query.
 */
const TASK_URL_SOURCE = '^https?://[^/?#]+(?:/[^?#]*)?(?:/tasks?/(\\d+)/?(?:[?#].*)?|[?&#]taskId=(\\d+)(?:[&#].*)?)$';
const TASK_URL = new RegExp(TASK_URL_SOURCE, 'i');

export const taskIdLocator: INodeProperties = {
	displayName: 'Task',
	name: 'taskId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The task to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a task...',
			typeOptions: { searchListMethod: 'searchTasks', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 42',
			validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid task ID' } }],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.dastra.eu/workspace/7/tasks/42',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: TASK_URL_SOURCE,
						errorMessage: 'Not a Dastra task URL: it should be a task page, ending with the task ID',
					},
				},
			],
		},
	],
};

/** The task ID from the locator, whatever its mode; a URL (By URL, or an expression By ID) is parsed here. */
export function readTaskId(this: IExecuteFunctions, i: number): number {
	const raw = this.getNodeParameter('taskId', i, '', { extractValue: true }) as unknown;
	const text = String(raw ?? '').trim();
	if (/^https?:\/\//i.test(text)) {
		const m = TASK_URL.exec(text);
		if (!m) {
			throw new InputError(
				`"${text}" is not a Dastra task URL`,
				'Give the URL of the task page (…/tasks/42), as the Dastra app shows it, or choose the task By ID.',
			);
		}
		return toId(m[1] ?? m[2], 'Task ID');
	}
	return toId(text, 'Task ID');
}

// ---- the field table -----------------------------------------------------------------------

interface Row {
	/** The key in TaskCreateUpdateDto. */
	api: string;
	property: INodeProperties;
	toApi?: (value: unknown, zone: string) => unknown;
	/** Other keys the field sets along with `api`. */
	alongside?: IDataObject;
	/** Create takes it as a top-level parameter; update lists it among its fields. */
	updateOnly?: true;
	/** On update an empty value clears the field (a JSON Patch `remove`); on create it is left out. */
	clearable?: true;
}

const byLabel = (value: unknown) => {
	const text = toText(value).trim();
	if (text === '') throw new InputError('Label is empty', 'Give the task a label, e.g. "Erase the CRM record".');
	return maxLength(text, LABEL_MAX, 'Label');
};

export const labelRule = (value: unknown) => byLabel(value);

const rows: Row[] = [
	{
		api: 'label',
		updateOnly: true,
		toApi: labelRule,
		property: { displayName: 'Label', name: 'label', type: 'string', default: '', description: 'What is to be done, as the task list shows it' },
	},
	{
		api: 'objectId',
		alongside: { objectType: 'DataSubject' },
		toApi: (v) => String(toId(v, 'Request ID')),
		property: {
			displayName: 'Request ID',
			name: 'requestId',
			type: 'number',
			default: 0,
			description: 'The ID of the data subject request the task belongs to: the task then shows on that request in Dastra',
		},
	},
	{
		api: 'descriptionHtml',
		clearable: true,
		toApi: (v) => toText(v),
		property: {
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Details for the person doing the task. Dastra shows it as HTML, so simple tags such as &lt;b&gt; work.',
		},
	},
	{
		api: 'assignedToUserId',
		clearable: true,
		toApi: (v) => toId(v, 'Assignee ID'),
		property: {
			displayName: 'Assignee Name or ID',
			name: 'assignedToUserId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: '',
			description:
				'The workspace user who does the task. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	},
	{
		api: 'deadline',
		clearable: true,
		toApi: (v, zone) => toIsoDate(v, 'Deadline', zone),
		property: {
			displayName: 'Deadline',
			name: 'deadline',
			type: 'dateTime',
			default: '',
			description: 'When the task is due',
			hint: TYPED_DATE_HINT,
		},
	},
	{
		api: 'priority',
		toApi: (v) => toEnum(v, TASK_PRIORITIES, 'Priority'),
		property: { displayName: 'Priority', name: 'priority', type: 'options', options: toOptions(TASK_PRIORITIES), default: 'Medium' },
	},
	{
		api: 'state',
		toApi: (v) => toEnum(v, TASK_STATES, 'State'),
		property: {
			displayName: 'State',
			name: 'state',
			type: 'options',
			options: toOptions(TASK_STATES),
			default: 'Open',
			description: 'Open (to do), Active (in progress) or Closed (done)',
		},
	},
	{
		api: 'tags',
		clearable: true,
		toApi: (v) => toIdList(v, 'Tag ID'),
		property: {
			displayName: 'Tag Names or IDs',
			name: 'tagIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTaskTags' },
			default: [],
			description:
				'Task tags. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	},
	{
		api: 'areaId',
		toApi: (v) => toId(v, 'Entity ID'),
		property: { ...entityIdOption, description: 'The entity (legal person) the task is about' },
	},
];

const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

export const taskCreateFieldOptions = rows.filter((r) => !r.updateOnly).map((r) => r.property).sort(byDisplayName);
export const taskUpdateFieldOptions = rows.map((r) => r.property).sort(byDisplayName);

const isEmpty = (value: unknown) =>
	value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * The fields the user set, converted and checked (before any call): `set` holds the DTO keys to
 * write, `cleared` those an empty value empties (update only; on create an empty value is left
 * out). `tags` is still a list of IDs: the caller resolves it to TagDto objects. A Request ID of
 * 0 (the number field's default) is "not set".
 */
export function toTaskChanges(
	fields: IDataObject,
	zone: string,
	mode: 'create' | 'update',
): { set: IDataObject; cleared: string[] } {
	const set: IDataObject = {};
	const cleared: string[] = [];
	for (const { api, property, toApi, alongside, clearable } of rows) {
		const value = fields[property.name];
		if (value === undefined || (property.name === 'requestId' && (value === 0 || value === ''))) continue;
		if (clearable && isEmpty(value)) {
			if (mode === 'update') {
				if (api === 'tags') set.tags = [];
				else cleared.push(api);
			}
			continue;
		}
		set[api] = (toApi ? toApi(value, zone) : value) as IDataObject[keyof IDataObject];
		if (alongside) Object.assign(set, alongside);
	}
	return { set, cleared };
}

// ---- Get Many's filters --------------------------------------------------------------------

export const taskFiltersOption: INodeProperties = {
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
			description: 'Whether to return archived tasks instead of active ones',
		},
		{
			displayName: 'Assignee Names or IDs',
			name: 'assignedToUserIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: [],
			description:
				'Only tasks assigned to one of these users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Overdue',
			name: 'overdue',
			type: 'boolean',
			default: true,
			description: 'Whether to return only tasks whose deadline has passed and that are not closed',
		},
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'number',
			default: 0,
			description: 'Only the tasks of this data subject request',
		},
		{
			displayName: 'Search Text',
			name: 'q',
			type: 'string',
			default: '',
			description: 'Only tasks whose label contains this text',
		},
		{
			displayName: 'States',
			name: 'states',
			type: 'multiOptions',
			options: toOptions(TASK_STATES),
			default: [],
			description: 'Only tasks in one of these states',
		},
	],
};

/**
 * The list query (Dastra's own parameters) and a check of each returned task against the
 * filters it carries the fields for: Dastra's `users` may also match a task's owner, and an
 * ignored parameter must not let other requests' tasks through.
 */
export function buildTaskListQuery(raw: IDataObject): { qs: IDataObject; keep?: (task: IDataObject) => boolean } {
	const qs: IDataObject = {};
	const checks: Array<(t: IDataObject) => boolean> = [];
	if (raw.requestId !== undefined && raw.requestId !== 0 && raw.requestId !== '') {
		const id = String(toId(raw.requestId, 'Request ID'));
		qs.objectType = 'DataSubject';
		qs.objectIds = [id];
		checks.push((t) => t.objectType === 'DataSubject' && String(t.objectId) === id);
	}
	if (raw.states !== undefined) {
		const states = (Array.isArray(raw.states) ? raw.states : String(raw.states).split(','))
			.map((s) => String(s).trim())
			.filter((s) => s !== '')
			.map((s) => toEnum(s, TASK_STATES, 'State'));
		if (states.length) {
			qs.states = states;
			checks.push((t) => states.includes(String(t.state)));
		}
	}
	if (raw.assignedToUserIds !== undefined) {
		const users = toIdList(raw.assignedToUserIds, 'Assignee ID');
		if (users.length) {
			qs.users = users;
			checks.push((t) => users.includes(Number(t.assignedToUserId)));
		}
	}
	if (raw.overdue !== undefined) qs.overtaking = Boolean(raw.overdue);
	if (raw.q) qs.q = String(raw.q);
	if (raw.archived !== undefined) qs.archived = Boolean(raw.archived);
	return { qs, keep: checks.length ? (t) => checks.every((c) => c(t)) : undefined };
}
