import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toOptions } from '../helpers/displayOptions';
import { processingIdOf, simplifyProcessing } from '../helpers/simplify';
import { InputError, maxLength, toUuid } from '../helpers/validate';
import { listProcessings } from '../transport/processings';
import { PROCESSING_STATES } from '../types';

export const processingIdsOption: INodeProperties = {
	displayName: 'Processing Names or IDs',
	name: 'processingIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRequestProcessings', loadOptionsDependsOn: ['requestId.value'] },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'None chosen means every processing of the request; IDs given by expression are UUIDs',
};

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
 * The IDs to act on: those given, or, when none is, every processing of the request. Dastra's
 * reading of an empty `ids` is undocumented, so "all" is always sent as the explicit list.
 */
export async function processingIdsOrAll(this: IExecuteFunctions, requestId: number, ids: string[]): Promise<string[]> {
	if (ids.length) return ids;
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
