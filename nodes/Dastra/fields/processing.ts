import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toOptions } from '../helpers/displayOptions';
import { processingIdOf, simplifyProcessing } from '../helpers/simplify';
import { InputError, maxLength, toUuid } from '../helpers/validate';
import { listProcessings } from '../transport/processings';
import { PROCESSING_STATES } from '../types';

/**
 * Version 1.1 of the node asks "which processings" explicitly (`scope`): in version 1 an empty
 * Processing IDs meant "all of the request's", so an expression that yielded nothing (a missing
 * field, "", []) acted on every processing (GDPR art. 19 e-mails to every recipient). Saved
 * version-1 nodes keep that reading; new nodes are 1.1.
 */
export const SCOPE_VERSION = 1.1;

const processingIdsBase: INodeProperties = {
	displayName: 'Processing Names or IDs',
	name: 'processingIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRequestProcessings', loadOptionsDependsOn: ['requestId.value'] },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** Scope and Processing IDs: version 1.1's explicit choice, version 1's "none chosen = all". */
export const processingIdsOptions: INodeProperties[] = [
	{
		displayName: 'Processings',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Selected Processings', value: 'selected', description: 'Only the processings given below' },
			{ name: 'All Processings of the Request', value: 'all', description: 'Every processing the request touches' },
		],
		default: 'selected',
		description: 'Which processings of the request to act on',
		displayOptions: { show: { '@version': [SCOPE_VERSION] } },
	},
	{
		...processingIdsBase,
		required: true,
		hint: 'IDs given by expression are UUIDs. An expression that gives none is an error: choose All Processings of the Request above to act on all.',
		displayOptions: { show: { '@version': [SCOPE_VERSION], scope: ['selected'] } },
	},
	{
		...processingIdsBase,
		hint: 'None chosen means every processing of the request; IDs given by expression are UUIDs',
		displayOptions: { show: { '@version': [1] } },
	},
];

export const processingStateOption: INodeProperties = {
	displayName: 'State',
	name: 'state',
	type: 'options',
	options: toOptions(PROCESSING_STATES),
	default: 'Done',
	required: true,
	description: 'Where the request stands for these processings',
};

export const processingDescriptionOption = (description: string): INodeProperties => ({
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description,
});

export const simplifyProcessingsOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a flat version of each processing (IDs, name, state, processor, dates) instead of the full object',
};

/** The processing IDs given (a list, or comma-separated text), each checked as a UUID before any call. */
export function readProcessingIds(this: IExecuteFunctions, i: number): string[] {
	const value = this.getNodeParameter('processingIds', i, []) as unknown;
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids = list.map((v) => String(v).trim()).filter((v) => v !== '').map((v) => toUuid(v, 'Processing ID'));
	return [...new Set(ids)];
}

export function readProcessingDescription(this: IExecuteFunctions, i: number): string | undefined {
	const text = maxLength(this.getNodeParameter('description', i, ''), 4000, 'Description').trim();
	return text === '' ? undefined : text;
}

/**
 * The processing IDs to act on, checked before any call: with scope `selected` (version 1.1) the
 * IDs given, and none is an error naming the field; with `all`, or none given in version 1,
 * every processing of the request. Dastra's reading of an empty `ids` is undocumented, so "all"
 * is always sent as the explicit list.
 */
export async function chosenProcessingIds(this: IExecuteFunctions, requestId: number, i: number): Promise<string[]> {
	const explicit = this.getNode().typeVersion >= SCOPE_VERSION;
	const scope = explicit ? (this.getNodeParameter('scope', i, 'selected') as string) : 'selected';
	if (scope === 'all') return await allProcessingIds.call(this, requestId);
	const ids = readProcessingIds.call(this, i);
	if (ids.length) return ids;
	if (explicit) {
		throw new InputError(
			'Processing Names or IDs is empty',
			'Choose the processings, or check the expression in Processing Names or IDs: it gave no ID (an empty or missing field, "", [] or [""]). To act on every processing of the request, set Processings to All Processings of the Request.',
		);
	}
	return await allProcessingIds.call(this, requestId);
}

async function allProcessingIds(this: IExecuteFunctions, requestId: number): Promise<string[]> {
	const all = (await listProcessings.call(this, requestId)).map(processingIdOf).filter((id) => id !== '');
	if (!all.length) {
		throw new InputError(
			`Data subject request ${requestId} has no data processings`,
			'Link the data processings the request touches in Dastra first, or choose another request.',
		);
	}
	return all;
}

/** The request's processings among `ids`, as they now stand, simplified when Simplify is on. */
export async function processingItems(
	this: IExecuteFunctions,
	requestId: number,
	i: number,
	ids?: string[],
): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const entries = (await listProcessings.call(this, requestId)).filter(
		(entry: IDataObject) => !ids || ids.includes(processingIdOf(entry).toLowerCase()),
	);
	return entries.map((entry) => ({ json: simplify ? simplifyProcessing(entry) : entry }));
}
