import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../helpers/displayOptions';
import type { OperationExecute } from '../types';
import { readLimit, returnAllOrLimit } from './common';

/**
 * The read-only lookup resources (entity, workflowStep, tag, user) each have one operation,
 * Get Many, built here from the function that lists them.
 */
export function lookupResource(
	resource: string,
	plural: string,
	list: (this: IExecuteFunctions, limit?: number) => Promise<IDataObject[]>,
): { description: INodeProperties[]; operations: Record<string, { execute: OperationExecute }> } {
	const execute = async function (this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
		const limit = readLimit.call(this, i);
		const all = await list.call(this, limit);
		return (limit === undefined ? all : all.slice(0, limit)).map((json) => ({ json }));
	};
	return {
		operations: { getAll: { execute } },
		description: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource] } },
				options: [
					{
						name: 'Get Many',
						value: 'getAll',
						description: `Get many ${plural}`,
						action: `Get many ${plural}`,
					},
				],
				default: 'getAll',
			},
			...showOnlyFor({ resource: [resource], operation: ['getAll'] }, returnAllOrLimit()),
		],
	};
}
