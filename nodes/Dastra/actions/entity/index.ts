import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as getAll from './getAll';

export const operations: ResourceOperations<'entity'> = { getAll };

export const description: INodeProperties[] = [
	operationPicker('entity', 'getAll', [
		[
			'getAll',
			'Get Many',
			'Get many entities: the organisations a request can be addressed to',
			'Get many entities (the organisations a request can be addressed to, with their IDs)',
		],
	]),
	...getAll.description,
];
