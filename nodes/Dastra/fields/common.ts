import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toOptions } from '../helpers/displayOptions';
import { simplifyDsr } from '../helpers/simplify';
import { InputError, toId } from '../helpers/validate';
import type { DastraMap, DastraResource } from '../types';
import { PURPOSES, STATES } from '../types';

/**
 * A request page's URL: the path names the DSR page (data-subject-requests, dsr or requests)
 * and ends in the ID, e.g. https://app.dastra.eu/workspace/7/data-subject-requests/42. A
 * workspace URL (https://app.dastra.eu/workspace/7) is not one: its 7 is no request.
 */
const REQUEST_URL_SOURCE =
	'^https?://[^/?#]+(?:/[^?#]*)?/(?:data-subject-requests?|dsr|requests?)/(\\d+)/?(?:[?#].*)?$';
const REQUEST_URL = new RegExp(REQUEST_URL_SOURCE, 'i');

export const requestIdLocator: INodeProperties = {
	displayName: 'Request',
	name: 'requestId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The data subject request to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a request...',
			typeOptions: { searchListMethod: 'searchRequests', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 42',
			validation: [
				{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid request ID' } },
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.dastra.eu/workspace/7/data-subject-requests/42',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: REQUEST_URL_SOURCE,
						errorMessage: 'Not a Dastra request URL: it should be a request page, ending with the request ID',
					},
				},
			],
			extractValue: { type: 'regex', regex: REQUEST_URL_SOURCE },
		},
	],
};

/**
 * The request ID from the locator, whatever its mode. In By URL mode n8n applies the mode's
 * extractValue at run time and hands over the ID (a URL it cannot match fails there, with n8n's
 * message). By ID has no extractValue: a URL given there (typically an expression yielding a
 * link) is parsed here with the same pattern, and refused if it is not a request page.
 */
export function readRequestId(this: IExecuteFunctions, i: number): number {
	// extractValue hands over the locator's value, never the {mode, value} object.
	const raw = this.getNodeParameter('requestId', i, '', { extractValue: true }) as unknown;
	const text = String(raw ?? '').trim();
	const fromUrl = /^https?:\/\//i.test(text) ? REQUEST_URL.exec(text)?.[1] : undefined;
	if (/^https?:\/\//i.test(text) && !fromUrl) {
		throw new InputError(
			`"${text}" is not a Dastra request URL`,
			'Give the URL of the request page (…/data-subject-requests/42), as the Dastra app shows it, or choose the request By ID.',
		);
	}
	return toId(fromUrl ?? text, 'Request ID');
}

/** Reads a numeric ID parameter (options or string), refusing empty or non-numeric values. */
export function readId(this: IExecuteFunctions, name: string, label: string, i: number): number {
	return toId(this.getNodeParameter(name, i, ''), label);
}

export const stepIdOption: INodeProperties = {
	displayName: 'Step Name or ID',
	name: 'stepId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getWorkflowSteps' },
	default: '',
	required: true,
	description:
		'The process step. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const entityIdOption: INodeProperties = {
	displayName: 'Entity Name or ID',
	name: 'entityId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getEntities' },
	default: '',
	description:
		'The entity (legal person) the request is addressed to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const purposesOption: INodeProperties = {
	displayName: 'Purposes',
	name: 'purposes',
	type: 'multiOptions',
	options: toOptions(PURPOSES),
	default: [],
	description: 'The rights the person exercises (GDPR articles 15 to 22)',
};

export const statesOption: INodeProperties = {
	displayName: 'States',
	name: 'states',
	type: 'multiOptions',
	options: toOptions(STATES),
	default: [],
};

export const tagIdsOption: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'tagIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTags' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export function returnAllOrLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** `undefined` when Return All is on, else the limit. */
export function readLimit(this: IExecuteFunctions, i: number): number | undefined {
	if (this.getNodeParameter('returnAll', i, false) as boolean) return undefined;
	const limit = Number(this.getNodeParameter('limit', i, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new InputError(`Limit ${limit} is not a positive whole number`, 'Set Limit to 1 or more, or turn on Return All.');
	}
	return limit;
}

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a flat version of the request (ID, title, state, purposes, contact, dates, step, entity and tag names) instead of the full object',
};

/** Request output items, simplified when the operation's Simplify parameter is on. */
export function toDsrItems(this: IExecuteFunctions, dsrs: IDataObject[], i: number): INodeExecutionData[] {
	const simplify = this.getNodeParameter('simplify', i, false) as boolean;
	return dsrs.map((dsr) => ({ json: simplify ? simplifyDsr(dsr) : dsr }));
}

export const messageIdOption: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description: 'The ID of the message, as Get Many returns it',
};

export const fileIdOption: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description: 'The ID of the attachment, as Upload or the request\'s attachments return it',
};

export const binaryPropertyOption = (description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the binary field that holds the file',
	description,
});

/** A resource's operation picker; each option is [value, name, description, action]. */
export function operationPicker<R extends DastraResource>(
	resource: R,
	defaultOperation: DastraMap[R],
	ops: Array<[value: DastraMap[R], name: string, description: string, action: string]>,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: ops.map(([value, name, description, action]) => ({ name, value, description, action })),
		default: defaultOperation,
	};
}

/**
 * Get Many of a lookup list. The lister stops paging once it has `limit` items, but some lists
 * come unpaged in one answer, so the limit is applied again here.
 */
export async function getManyLookup(
	this: IExecuteFunctions,
	i: number,
	list: (this: IExecuteFunctions, limit?: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const all = await list.call(this, limit);
	return (limit === undefined ? all : all.slice(0, limit)).map((json) => ({ json }));
}
