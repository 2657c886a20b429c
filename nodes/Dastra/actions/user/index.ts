import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as getAll from './getAll';

export const operations: ResourceOperations<'user'> = { getAll };

export const description: INodeProperties[] = [
	operationPicker('user', 'getAll', [['getAll', 'Get Many', 'Get many users', 'Get many users']]),
	...getAll.description,
];
