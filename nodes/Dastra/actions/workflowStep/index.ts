import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as getAll from './getAll';

export const operations: ResourceOperations<'workflowStep'> = { getAll };

export const description: INodeProperties[] = [
	operationPicker('workflowStep', 'getAll', [['getAll', 'Get Many', 'Get many process steps', 'Get many process steps']]),
	...getAll.description,
];
