import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as getAll from './getAll';
import * as notifyRecipients from './notifyRecipients';
import * as remove from './remove';
import * as setState from './setState';

export const operations: ResourceOperations<'requestProcessing'> = { getAll, setState, notifyRecipients, remove };

export const description: INodeProperties[] = [
	operationPicker('requestProcessing', 'getAll', [
		['getAll', 'Get Many', 'Get the data processings a request touches', 'Get many processings of a request'],
		[
			'notifyRecipients',
			'Notify Recipients',
			"Notify the recipients of the processings' data (GDPR art. 19)",
			'Notify the recipients of processings',
		],
		['remove', 'Remove', 'Take processings off a request', 'Remove processings from a request'],
		['setState', 'Set State', 'Mark processings of a request as new, pending, done or not necessary', 'Set the state of processings'],
	]),
	...getAll.description,
	...setState.description,
	...notifyRecipients.description,
	...remove.description,
];
