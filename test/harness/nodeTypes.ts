/** The node-type registry n8n-core's Workflow reads: the pack's nodes plus an Items stand-in. */
import './env';

import type {
	IBinaryData,
	IDataObject,
	IConnections,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowSettings,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

// The explicit .ts: beside Dastra.node.ts sits the codex Dastra.node.json, which Node's own
// resolver (used by tsx in the benchmarks) would pick for a bare 'Dastra.node'.
import { Dastra } from '../../nodes/Dastra/Dastra.node.ts';
import { DastraTrigger } from '../../nodes/Dastra/DastraTrigger.node.ts';
import { DastraWebhookTrigger } from '../../nodes/Dastra/DastraWebhookTrigger.node.ts';

/**
 * Stand-in for a trigger or upstream node: emits the items in its `items` parameter (JSON text).
 * An item's `$binary` key becomes binary data: `{field: {base64, fileName, mimeType}}`; with
 * `asIs: true` the entry is kept as given (as a Code node may leave it, e.g. without a MIME type)
 * instead of going through n8n's prepareBinaryData, which fills in what is missing.
 */
class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		const out: INodeExecutionData[] = [];
		for (const [i, { $binary, ...json }] of items.entries()) {
			const item: INodeExecutionData = { json, pairedItem: { item: i } };
			for (const [field, file] of Object.entries(($binary ?? {}) as Record<string, IDataObject>)) {
				item.binary ??= {};
				if (file.asIs) {
					const { base64, asIs: _, ...meta } = file;
					item.binary[field] = { ...meta, data: String(base64) } as IBinaryData;
					continue;
				}
				item.binary[field] = await this.helpers.prepareBinaryData(
					Buffer.from(String(file.base64), 'base64'),
					file.fileName as string | undefined,
					file.mimeType as string | undefined,
				);
			}
			out.push(item);
		}
		return [out];
	}
}

const nodeTypes: Record<string, INodeType> = {
	'n8n-nodes-dastra.dastra': new Dastra(),
	'n8n-nodes-dastra.dastraTrigger': new DastraTrigger(),
	'n8n-nodes-dastra.dastraWebhookTrigger': new DastraWebhookTrigger(),
	'test.items': new ItemsNode(),
};

export function registerNodeType(name: string, type: INodeType) {
	nodeTypes[name] = type;
}

export const nodeTypeRegistry: INodeTypes = {
	getByName: (name) => nodeTypes[name] as INodeType | IVersionedNodeType,
	getByNameAndVersion: (name) => nodeTypes[name],
	getKnownTypes: () => ({}),
};

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	/** The workflow's settings, e.g. `{ timezone: 'Europe/Paris' }` (n8n's default zone otherwise). */
	settings?: IWorkflowSettings;
}

export function makeWorkflow(workflow: WorkflowJson, staticData?: IDataObject): Workflow {
	return new Workflow({
		id: 'test',
		nodes: workflow.nodes,
		connections: workflow.connections,
		nodeTypes: nodeTypeRegistry,
		active: staticData !== undefined,
		settings: workflow.settings ?? {},
		staticData,
	});
}

