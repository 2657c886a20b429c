import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as create from './create';
import * as remove from './delete';
import * as get from './get';
import * as getAll from './getAll';

export const operations: ResourceOperations<'message'> = { create, getAll, get, delete: remove };

export const description: INodeProperties[] = [
	operationPicker('message', 'create', [
		[
			'create',
			'Create',
			'Send a message to the person behind a request',
			'Send a message to the person behind a request (they read it in Dastra\'s request portal)',
		],
		['delete', 'Delete', 'Delete a message', 'Delete a message'],
		['get', 'Get', 'Get a message', 'Get a message'],
		['getAll', 'Get Many', 'Get the messages of a request', 'Get many messages of a request'],
	]),
	...create.description,
	...getAll.description,
	...get.description,
	...remove.description,
];
