import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './description';
import { authenticationProperty, dastraCredentials } from './fields/authentication';
import { listSearch, loadOptions } from './methods';

export class Dastra implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dastra',
		name: 'dastra',
		icon: { light: 'file:dastra.svg', dark: 'file:dastra.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage GDPR data subject requests in Dastra',
		defaults: { name: 'Dastra' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: dastraCredentials,
		properties: [authenticationProperty, ...properties],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
