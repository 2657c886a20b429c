import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { messageIdOption } from '../../fields/common';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toUuid } from '../../helpers/validate';
import { dastraRequest } from '../../transport';

export const description = showOnlyFor({ resource: ['message'], operation: ['get'] }, [messageIdOption]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = toUuid(this.getNodeParameter('messageId', i), 'Message ID');
	return [{ json: await dastraRequest.call(this, 'GET', `/DataSubjectMessages/${id}`, { what: `Message ${id}`, shape: 'object' }) }];
}
