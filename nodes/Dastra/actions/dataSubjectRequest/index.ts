import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as archive from './archive';
import * as changeStep from './changeStep';
import * as create from './create';
import * as remove from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as restore from './restore';
import * as update from './update';

export const operations: ResourceOperations<'dataSubjectRequest'> = {
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
	operationPicker('dataSubjectRequest', 'create', [
		['archive', 'Archive', 'Archive a request', 'Archive a request'],
		['changeStep', 'Change Step', 'Move a request to another process step', 'Change the step of a request'],
		['create', 'Create', 'Create a request', 'Create a request'],
		['delete', 'Delete', 'Delete a request for good', 'Delete a request'],
		['get', 'Get', 'Get a request', 'Get a request'],
		['getAll', 'Get Many', 'Get many requests', 'Get many requests'],
		['restore', 'Restore', 'Restore an archived request', 'Restore a request'],
		['update', 'Update', 'Change some fields of a request', 'Update a request'],
	]),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...remove.description,
	...changeStep.description,
	...archive.description,
	...restore.description,
];
