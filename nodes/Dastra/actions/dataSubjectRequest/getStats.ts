import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { entityIdOption } from '../../fields/common';
import { toIsoDate, TYPED_DATE_HINT } from '../../helpers/dates';
import { showOnlyFor } from '../../helpers/displayOptions';
import { simplifyStats } from '../../helpers/simplify';
import { InputError, toId } from '../../helpers/validate';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['dataSubjectRequest'], operation: ['getStats'] }, [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'End',
				name: 'end',
				type: 'dateTime',
				default: '',
				hint: TYPED_DATE_HINT,
				description: 'Only requests created at or before this time',
			},
			{ ...entityIdOption, description: 'Only requests addressed to this entity' },
			{
				displayName: 'Start',
				name: 'start',
				type: 'dateTime',
				default: '',
				hint: TYPED_DATE_HINT,
				description: 'Only requests created at or after this time',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the counts only (requests, open, overdue, by purpose) instead of the full statistics with one entry per request',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const qs: IDataObject = {};
	// A value that is set is read, even 0 or "1": refused by name rather than dropped or misread.
	const set = (v: unknown) => v !== undefined && v !== null && v !== '';
	if (set(options.entityId)) qs.areaId = toId(options.entityId, 'Entity ID');
	if (set(options.start)) qs.start = toIsoDate(options.start, 'Start', this.getTimezone());
	if (set(options.end)) qs.end = toIsoDate(options.end, 'End', this.getTimezone());
	if (qs.start && qs.end && String(qs.end) < String(qs.start)) {
		throw new InputError(`End (${String(qs.end)}) is before Start (${String(qs.start)})`, 'Set End to a time after Start, or swap them.');
	}
	const stats = await dastraRequest.call(this, 'GET', '/DataSubjectRequests/stats', { qs, shape: 'object' });
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return [{ json: simplify ? simplifyStats(stats) : stats }];
}
