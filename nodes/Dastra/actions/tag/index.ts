import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as getAll from './getAll';

export const operations: ResourceOperations<'tag'> = { getAll };

export const description: INodeProperties[] = [
	operationPicker('tag', 'getAll', [['getAll', 'Get Many', 'Get many tags', 'Get many tags']]),
	...getAll.description,
];
