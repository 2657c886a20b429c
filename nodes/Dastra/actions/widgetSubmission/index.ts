import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../types';
import * as submit from './submit';

export const operations: Record<string, { execute: OperationExecute }> = { submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['widgetSubmission'] } },
		options: [
			{
				name: 'Submit',
				value: 'submit',
				description: 'Submit a request through a public widget, as the person would',
				action: 'Submit a request through a widget',
			},
		],
		default: 'submit',
	},
	...submit.description,
];
