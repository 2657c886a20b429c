import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as submit from './submit';

export const operations: ResourceOperations<'widgetSubmission'> = { submit };

export const description: INodeProperties[] = [
	operationPicker('widgetSubmission', 'submit', [
		[
			'submit',
			'Submit',
			'Submit a request through a public widget, as the person would',
			'Submit a request through a widget',
		],
	]),
	...submit.description,
];
