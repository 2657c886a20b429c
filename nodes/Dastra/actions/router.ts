import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { properties } from '../description';
import { toNodeError } from '../helpers/errors';
import { errorItem, modelCanFix, nothingFound, runsAsTool } from '../helpers/toolErrors';
import type { DastraResource, OperationExecute, ResourceOperations } from '../types';
import * as attachment from './attachment';
import * as dataSubjectRequest from './dataSubjectRequest';
import * as entity from './entity';
import * as message from './message';
import * as requestProcessing from './requestProcessing';
import * as tag from './tag';
import * as task from './task';
import * as user from './user';
import * as widgetSubmission from './widgetSubmission';
import * as workflowStep from './workflowStep';

const resources: { [R in DastraResource]: ResourceOperations<R> } = {
	dataSubjectRequest: dataSubjectRequest.operations,
	message: message.operations,
	requestProcessing: requestProcessing.operations,
	attachment: attachment.operations,
	widgetSubmission: widgetSubmission.operations,
	entity: entity.operations,
	workflowStep: workflowStep.operations,
	tag: tag.operations,
	user: user.operations,
	task: task.operations,
};

/** Each resource's name in the resource picker ("Data Subject Request"), for the tool's answers. */
const resourceNames = new Map(
	((properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[]).map((o) => [String(o.value), o.name]),
);

// Widened for lookup by the parameters' values, which are plain strings at run time.
const table: Partial<Record<string, Partial<Record<string, { execute: OperationExecute }>>>> = resources;

/** The only loop over input items: one operation call per item, pairedItem and continueOnFail here. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const op = table[resource]?.[operation];
			if (!op) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for "${resource}"`,
					{ itemIndex: i },
				);
			}
			const results = await op.execute.call(this, i);
			// As an agent's tool, no items reach the model as "" (n8n's engine path): it is told instead.
			const answer = results.length === 0 && runsAsTool(this.getNode()) ? [nothingFound(resourceNames.get(resource) ?? resource)] : results;
			out.push(...this.helpers.constructExecutionMetaData(answer, { itemData: { item: i } }));
		} catch (caught) {
			const error = toNodeError(this.getNode(), caught, i);
			// As an agent's tool, an error its model can fix is the tool's answer, not a failed run.
			if (this.continueOnFail() || (runsAsTool(this.getNode()) && modelCanFix(caught))) {
				out.push(errorItem(error, i));
				continue;
			}
			throw error;
		}
	}
	return [out];
}
