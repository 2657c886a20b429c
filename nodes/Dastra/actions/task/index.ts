import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as archive from './archive';
import * as create from './create';
import * as remove from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

export const operations: ResourceOperations<'task'> = { create, get, getAll, update, delete: remove, archive };

export const description: INodeProperties[] = [
	operationPicker('task', 'create', [
		['archive', 'Archive', 'Archive a task', 'Archive a task'],
		['create', 'Create', 'Create a task, on a request or on its own', 'Create a task'],
		['delete', 'Delete', 'Delete a task for good', 'Delete a task'],
		['get', 'Get', 'Get a task', 'Get a task'],
		['getAll', 'Get Many', 'Get many tasks', 'Get many tasks'],
		['update', 'Update', 'Change some fields of a task', 'Update a task'],
	]),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...remove.description,
	...archive.description,
];
