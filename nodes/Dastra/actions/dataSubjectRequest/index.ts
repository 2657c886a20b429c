import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../types';
import * as archive from './archive';
import * as changeStep from './changeStep';
import * as create from './create';
import * as remove from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as restore from './restore';
import * as update from './update';

export const operations: Record<string, { execute: OperationExecute }> = {
	create,
	get,
	getAll,
	update,
	delete: remove,
	changeStep,
	archive,
	restore,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataSubjectRequest'] } },
		options: [
			{ name: 'Archive', value: 'archive', description: 'Archive a request', action: 'Archive a request' },
			{
				name: 'Change Step',
				value: 'changeStep',
				description: 'Move a request to another process step',
				action: 'Change the step of a request',
			},
			{ name: 'Create', value: 'create', description: 'Create a request', action: 'Create a request' },
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a request for good',
				action: 'Delete a request',
			},
			{ name: 'Get', value: 'get', description: 'Get a request', action: 'Get a request' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many requests',
				action: 'Get many requests',
			},
			{
				name: 'Restore',
				value: 'restore',
				description: 'Restore an archived request',
				action: 'Restore a request',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a request',
				action: 'Update a request',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...remove.description,
	...changeStep.description,
	...archive.description,
	...restore.description,
];
