import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as archive from './archive';
import * as changeStep from './changeStep';
import * as create from './create';
import * as exportRequests from './export';
import * as remove from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getStats from './getStats';
import * as restore from './restore';
import * as setIdentityValidation from './setIdentityValidation';
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
	setIdentityValidation,
	export: exportRequests,
	getStats,
};

export const description: INodeProperties[] = [
	operationPicker('dataSubjectRequest', 'create', [
		['archive', 'Archive', 'Archive a request', 'Archive a request'],
		['changeStep', 'Change Step', 'Move a request to another process step', 'Change the step of a request'],
		[
			'create',
			'Create',
			'File a request: a person exercising a GDPR right (access, erasure, rectification, objection, portability)',
			'Create a request for a person exercising a GDPR right (access, erasure, rectification, objection, portability)',
		],
		['delete', 'Delete', 'Delete a request for good', 'Delete a request'],
		['export', 'Export', 'Export the requests to a file (CSV, Excel, JSON, PDF, Word or HTML)', 'Export requests to a file'],
		['get', 'Get', 'Get a request by its ID', 'Get a request by its ID'],
		[
			'getAll',
			'Get Many',
			'Get many requests, or find one by e-mail, Reference ID, state or text',
			'Get many requests, or find a request by e-mail or Reference ID',
		],
		['getStats', 'Get Stats', 'Get counts of requests: open, overdue, by purpose', 'Get request statistics'],
		['restore', 'Restore', 'Restore an archived request', 'Restore a request'],
		[
			'setIdentityValidation',
			'Set Identity Validation',
			"Mark the person's identity as checked, or not",
			'Set the identity validation of a request',
		],
		['update', 'Update', 'Change some fields of a request', 'Update a request (only the fields given change)'],
	]),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...remove.description,
	...changeStep.description,
	...archive.description,
	...restore.description,
	...setIdentityValidation.description,
	...exportRequests.description,
	...getStats.description,
];
