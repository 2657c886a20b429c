import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { TOOL_DESCRIPTION, builderHint } from './agent';
import { properties } from './description';
import { authenticationProperty, dastraCredentials } from './fields/authentication';
import { listSearch, loadOptions } from './methods';

export class Dastra implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dastra',
		name: 'dastra',
		icon: { light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' },
		group: ['transform'],
		// 1.1: Request Processing's Set State, Notify Recipients and Remove say which processings
		// (`scope`); version 1 nodes keep "no processing given = all" (fields/processing.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage GDPR data subject requests in Dastra',
		defaults: { name: 'Dastra' },
		// As an AI agent's tool: a description written for a model (agent.ts).
		usableAsTool: { replacements: { description: TOOL_DESCRIPTION } },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: dastraCredentials,
		properties: [authenticationProperty, ...properties],
		...builderHint,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
