import type { INodeProperties } from 'n8n-workflow';

import * as attachment from './actions/attachment';
import * as dataSubjectRequest from './actions/dataSubjectRequest';
import * as entity from './actions/entity';
import * as message from './actions/message';
import * as requestProcessing from './actions/requestProcessing';
import * as tag from './actions/tag';
import * as task from './actions/task';
import * as user from './actions/user';
import * as widgetSubmission from './actions/widgetSubmission';
import * as workflowStep from './actions/workflowStep';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Attachment', value: 'attachment' },
			{ name: 'Data Subject Request', value: 'dataSubjectRequest' },
			{ name: 'Entity', value: 'entity' },
			{ name: 'Message', value: 'message' },
			{ name: 'Process Step', value: 'workflowStep' },
			{ name: 'Request Processing', value: 'requestProcessing' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Task', value: 'task' },
			{ name: 'User', value: 'user' },
			{ name: 'Widget Submission', value: 'widgetSubmission' },
		],
		default: 'dataSubjectRequest',
	},
	...dataSubjectRequest.description,
	...message.description,
	...requestProcessing.description,
	...attachment.description,
	...widgetSubmission.description,
	...entity.description,
	...workflowStep.description,
	...tag.description,
	...user.description,
	...task.description,
	// Issue 9: every call has a timeout; long calls (large downloads, exports) may need more.
	{
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60000,
				noDataExpression: true,
				description:
					'Time in milliseconds to wait for each answer from Dastra before giving up on that try. Raise it for long calls such as large downloads.',
			},
		],
	},
];
