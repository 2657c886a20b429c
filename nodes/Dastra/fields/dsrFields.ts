import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toOptions } from '../helpers/displayOptions';
import {
	InputError,
	maxLength,
	toEmail,
	toEnum,
	toEnumList,
	toId,
	toIdList,
	toJsonObject,
	toText,
} from '../helpers/validate';
import { CLOSED_REASONS, PERSON_CATEGORIES, PURPOSES } from '../types';
import { entityIdOption, purposesOption, stepIdOption, tagIdsOption } from './common';
import { LIMITS, NOT_NULLABLE_DSR_FIELDS, type FieldLimit } from './limits.generated';

/** Dastra's documented length limits of a request's fields (generated from its OpenAPI document). */
const DSR_LIMITS: Readonly<Record<string, FieldLimit>> = LIMITS.DataSubjectRequestDto;

/** Refuses a text longer than the document allows for `api`, naming the field and the limit. */
function withinLimit(api: string, value: unknown, label: string): unknown {
	const max = DSR_LIMITS[api]?.maxLength;
	return typeof value === 'string' && max !== undefined ? maxLength(value, max, label) : value;
}

interface Row {
	/** The key in Dastra's request object. */
	api: string;
	property: INodeProperties;
	toApi?: (value: unknown) => unknown;
	/** Create takes these as top-level parameters; update lists them among its fields. */
	updateOnly?: true;
	/** Dastra also returns the referenced object (e.g. `area` beside `areaId`): drop the stale copy. */
	replaces?: string;
	/** Objects merged key by key on update, so setting one custom field keeps the others. */
	mergeObject?: true;
	/** On update an empty value clears the field (sends null); on create it is left out. */
	clearable?: true;
}

function required(label: string) {
	return (value: unknown) => {
		const text = toText(value).trim();
		if (text === '') throw new InputError(`${label} is empty`, `Give the request a ${label.toLowerCase()}.`);
		return text;
	};
}

// The document sets no limit on title (nor on a request's message).
export const titleRule = (value: unknown) => required('Title')(value);
export const localeRule = (value: unknown) => withinLimit('locale', required('Locale')(value), 'Locale') as string;
export const entityRule = (value: unknown) => toId(value, 'Entity ID');
export const purposesRule = (value: unknown) => {
	const list = toEnumList(value, PURPOSES, 'Purpose');
	if (list.length === 0) {
		throw new InputError('No purpose is set', 'Choose at least one purpose, e.g. Access or Erasure.');
	}
	return list;
};

const text = (displayName: string, name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

const rows: Row[] = [
	{ api: 'title', toApi: titleRule, updateOnly: true, property: text('Title', 'title') },
	{
		api: 'areaId',
		toApi: entityRule,
		updateOnly: true,
		replaces: 'area',
		property: entityIdOption,
	},
	{ api: 'purposes', toApi: purposesRule, updateOnly: true, property: purposesOption },
	{
		api: 'locale',
		toApi: localeRule,
		updateOnly: true,
		property: text('Locale', 'locale', {
			placeholder: 'e.g. en',
			description: 'The language Dastra writes to the person in (a code such as en, fr, de)',
		}),
	},
	{
		api: 'email',
		clearable: true,
		toApi: (v) => toEmail(v),
		property: text('Email', 'email', { placeholder: 'name@email.com' }),
	},
	{ api: 'givenName', clearable: true, property: text('First Name', 'givenName') },
	{ api: 'familyName', clearable: true, property: text('Last Name', 'familyName') },
	{ api: 'phoneNumber', clearable: true, property: text('Phone Number', 'phoneNumber') },
	{
		api: 'description',
		clearable: true,
		property: text('Description', 'description', {
			typeOptions: { rows: 3 },
			description: 'Internal description of the request, not shown to the person',
		}),
	},
	{
		api: 'message',
		clearable: true,
		property: text('Message', 'message', {
			typeOptions: { rows: 4 },
			description: "The person's own message, as they wrote it",
		}),
	},
	{
		api: 'refId',
		clearable: true,
		property: text('Reference ID', 'refId', {
			description: 'Your own ID for the request, e.g. a helpdesk ticket number, to find it again later',
		}),
	},
	{
		api: 'personCategory',
		toApi: (v) => toEnum(v, PERSON_CATEGORIES, 'Person category'),
		property: {
			displayName: 'Person Category',
			name: 'personCategory',
			type: 'options',
			options: toOptions(PERSON_CATEGORIES),
			default: 'Client',
		},
	},
	{
		api: 'complex',
		toApi: (v) => Boolean(v),
		property: {
			displayName: 'Complex',
			name: 'complex',
			type: 'boolean',
			default: false,
			description:
				'Whether the request is complex, which extends the legal deadline by two months (GDPR art. 12(3)).',
		},
	},
	{
		api: 'operatorId',
		clearable: true,
		toApi: (v) => toId(v, 'Operator ID'),
		replaces: 'operator',
		property: {
			displayName: 'Operator Name or ID',
			name: 'operatorId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: '',
			description:
				'The user in charge of the request. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	},
	{
		api: 'workFlowStepId',
		clearable: true,
		toApi: (v) => toId(v, 'Step ID'),
		replaces: 'workFlowStep',
		property: { ...stepIdOption, name: 'workflowStepId', required: false },
	},
	{
		api: 'tags',
		clearable: true,
		// IDs here; resolveTags (transport/lookups.ts) makes them the full TagDto Dastra requires.
		toApi: (v) => toIdList(v, 'Tag ID'),
		property: tagIdsOption,
	},
	{ api: 'address', clearable: true, property: text('Address', 'address') },
	{ api: 'zipCode', clearable: true, property: text('Zip Code', 'zipCode') },
	{ api: 'city', clearable: true, property: text('City', 'city') },
	{
		api: 'countryCode',
		clearable: true,
		toApi: (v) => {
			const code = String(withinLimit('countryCode', toText(v).trim(), 'Country code')).toUpperCase();
			if (!/^[A-Z]{2}$/.test(code)) {
				throw new InputError(`Country code "${code}" is not two letters`, 'Use an ISO 3166 code such as FR or DE.');
			}
			return code;
		},
		property: text('Country Code', 'countryCode', { placeholder: 'e.g. FR', description: 'ISO 3166-1 alpha-2 code' }),
	},
	{
		api: 'customFields',
		toApi: (v) => toJsonObject(v, 'Custom Fields'),
		mergeObject: true,
		property: {
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'json',
			default: '{}',
			description:
				'Values of the workspace\'s custom fields, keyed by the field\'s variable name, e.g. {"13_long": "value"}. On update, keys you do not give keep their value.',
		},
	},
	{
		api: 'additionalDatas',
		toApi: (v) => toJsonObject(v, 'Additional Data'),
		mergeObject: true,
		property: {
			displayName: 'Additional Data',
			name: 'additionalDatas',
			type: 'json',
			default: '{}',
			description: 'Any extra JSON data to store on the request',
		},
	},
	{
		api: 'closedReason',
		toApi: (v) => toEnum(v, CLOSED_REASONS, 'Closed reason'),
		updateOnly: true,
		property: {
			displayName: 'Closed Reason',
			name: 'closedReason',
			type: 'options',
			options: toOptions(CLOSED_REASONS),
			default: 'Accepted',
		},
	},
	{
		api: 'closedReasonDescription',
		clearable: true,
		updateOnly: true,
		property: text('Closed Reason Description', 'closedReasonDescription'),
	},
	{
		api: 'resolutionMessage',
		clearable: true,
		updateOnly: true,
		property: text('Resolution Message', 'resolutionMessage', { typeOptions: { rows: 4 } }),
	},
];

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** One row's property, for another form of the same field (the widget's submission). */
export function dsrFieldProperty(name: string): INodeProperties {
	const row = rows.find((r) => r.property.name === name);
	if (!row) throw new Error(`No DSR field "${name}" in fields/dsrFields.ts`);
	return row.property;
}

/** Create's Additional Fields. */
export const createFieldOptions = rows
	.filter((r) => !r.updateOnly)
	.map((r) => r.property)
	.sort(byDisplayName);

/** Update's Update Fields: every writable field. */
export const updateFieldOptions = rows.map((r) => r.property).sort(byDisplayName);

const isEmpty = (value: unknown) =>
	value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * Only the keys the user set, converted and checked; absent keys stay absent so update can merge.
 * Text fields go out as strings whatever the expression yields. An empty value of a clearable
 * field clears it on update (null) and is left out on create.
 */
export function toDsrBody(set: IDataObject, mode: 'create' | 'update' = 'create'): IDataObject {
	const body: IDataObject = {};
	for (const { api, property, toApi, clearable } of rows) {
		const value = set[property.name];
		if (value === undefined) continue;
		if (clearable && isEmpty(value)) {
			if (mode === 'update') body[api] = api === 'tags' ? [] : null;
			continue;
		}
		const convert = toApi ?? (property.type === 'string' ? toText : undefined);
		const converted = convert ? convert(value) : value;
		body[api] = withinLimit(api, converted, property.displayName) as IDataObject[keyof IDataObject];
	}
	return body;
}

/** Object fields patched member by member on update (custom fields, additional data). */
export const MEMBERWISE_DSR_FIELDS: readonly string[] = rows.filter((r) => r.mergeObject).map((r) => r.api);

/**
 * Nested copies of referenced objects in a request as Dastra answers it (the IDs beside them are
 * what a write names): never sent back in a PUT, which Dastra's schema does not take them in.
 */
export const NESTED_DSR_FIELDS: readonly string[] = ['area', 'workFlowStep', 'operator', 'creator', 'closedByUser'];

/**
 * Dastra's PUT replaces the whole request: start from the request as it stands and apply
 * `changes` (a `toDsrBody` result), so no untouched field is lost.
 */
export function mergeIntoDsr(current: IDataObject, changes: IDataObject): IDataObject {
	const merged: IDataObject = { ...current };
	// Dastra's answers may carry null where its document refuses null in a body (e.g. `operator`,
	// an unset `personCategory`): leave those out, which keeps them unset.
	for (const key of NOT_NULLABLE_DSR_FIELDS) if (merged[key] === null) delete merged[key];
	for (const { api, replaces, mergeObject } of rows) {
		if (!(api in changes)) continue;
		if (replaces) delete merged[replaces];
		const previous = current[api];
		merged[api] =
			mergeObject && previous && typeof previous === 'object' && !Array.isArray(previous)
				? { ...(previous as IDataObject), ...(changes[api] as IDataObject) }
				: changes[api];
	}
	return merged;
}
