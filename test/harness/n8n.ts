/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute with the pack's real node and
 * credential classes. Only what a full n8n adds around the engine is supplied here: a node-type
 * registry, a credentials helper that applies the credential's `authenticate` block the way
 * n8n does, and execution hooks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core reads this at import time; without it, it writes into the home folder. Jest's
// globalSetup and the benchmark set it to a temp folder they remove; this is the fallback.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-dastra-test-'));

import { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow, createDeferredPromise } from 'n8n-workflow';

import { DastraApi } from '../../credentials/DastraApi.credentials';
// The explicit .ts: beside Dastra.node.ts sits the codex Dastra.node.json, which Node's own
// resolver (used by tsx in the benchmarks) would pick for a bare 'Dastra.node'.
import { Dastra } from '../../nodes/Dastra/Dastra.node.ts';
import { DastraTrigger } from '../../nodes/Dastra/DastraTrigger.node.ts';
import { DastraWebhookTrigger } from '../../nodes/Dastra/DastraWebhookTrigger.node.ts';

/**
 * Stand-in for a trigger or upstream node: emits the items in its `items` parameter (JSON text).
 * An item's `$binary` key becomes binary data: `{field: {base64, fileName, mimeType}}`.
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

const credentialTypes: Record<string, ICredentialType> = { dastraApi: new DastraApi() };

/** Applies `authenticate` like n8n does: `={{$credentials.x}}` expressions in headers and query. */
export function applyGenericAuth(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = type.authenticate;
	if (!auth || typeof auth === 'function') throw new Error('only generic authenticate is supported');
	const resolve = (value: unknown) =>
		String(value).replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, k: string) =>
			String(credentials[k] ?? ''),
		);
	const out = { ...request, headers: { ...request.headers }, qs: { ...request.qs } };
	for (const [k, v] of Object.entries(auth.properties.headers ?? {})) out.headers[k] = resolve(v);
	for (const [k, v] of Object.entries(auth.properties.qs ?? {})) out.qs[k] = resolve(v);
	return out;
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, request: IHttpRequestOptions) {
		return applyGenericAuth(credentialTypes[typeName], credentials, request);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(_a: unknown, _n: unknown, type: string) {
		if (!this.data[type]) throw new Error(`no credentials of type ${type} in this test`);
		return { ...this.data[type] };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type].properties;
	}
}

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
}

export interface RunResult {
	run: IRun;
	/** Items a node emitted on its first output, in its first run. */
	output(nodeName: string): INodeExecutionData[];
	/** The node's error, if it failed. */
	error(nodeName: string): ITaskData['error'];
}

/** What a full n8n passes the engine, reduced to what these nodes use. */
export function makeAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('code tasks are not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function makeWorkflow(workflow: WorkflowJson, staticData?: IDataObject): Workflow {
	return new Workflow({
		id: 'test',
		nodes: workflow.nodes,
		connections: workflow.connections,
		nodeTypes: nodeTypeRegistry,
		active: staticData !== undefined,
		settings: {},
		staticData,
	});
}

/** The context n8n gives a node's loadOptions / listSearch methods while the editor is open. */
export function loadOptionsContext(
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): ILoadOptionsFunctions {
	const workflow = dastraWorkflow(parameters);
	const node = workflow.nodes[1];
	return new LoadOptionsContext(makeWorkflow(workflow), node, makeAdditionalData(credentials), '');
}

export async function runWorkflow(
	workflow: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<RunResult> {
	const instance = makeWorkflow(workflow);
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: workflow.nodes,
		connections: workflow.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));

	const additionalData = makeAdditionalData(credentials, hooks);

	const start = instance.getStartNode() ?? workflow.nodes[0];
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(instance);
	const run = await done.promise;
	const task = (name: string) => run.data.resultData.runData[name]?.[0];
	return {
		run,
		output: (name) => task(name)?.data?.main?.[0] ?? [],
		error: (name) => task(name)?.error,
	};
}

/** A two-node workflow: Items (the input items) -> Dastra (the parameters under test). */
export function dastraWorkflow(
	parameters: IDataObject,
	{ items = [{}], continueOnFail = false }: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): WorkflowJson {
	return {
		nodes: [
			{
				id: 'items',
				name: 'Items',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: 'dastra',
				name: 'Dastra',
				type: 'n8n-nodes-dastra.dastra',
				typeVersion: 1,
				position: [200, 0],
				parameters: parameters as INode['parameters'],
				credentials: { dastraApi: { id: '1', name: 'Dastra account' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Items: { main: [[{ node: 'Dastra', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
}

/**
 * A Dastra Trigger as n8n runs it: each `poll()` gets a fresh PollContext on a workflow whose
 * static data was saved (JSON round trip, as n8n stores it) after the previous poll.
 */
export function triggerHarness(
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	/** Static data as n8n would load it at the first poll (default: none). */
	initialStaticData: IDataObject = {},
	/** Receives what the node logs through `this.logger.warn`. */
	onWarn?: (message: string) => void,
) {
	const node: INode = {
		id: 'trigger',
		name: 'Dastra Trigger',
		type: 'n8n-nodes-dastra.dastraTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { dastraApi: { id: '1', name: 'Dastra account' } },
	};
	let saved: IDataObject = JSON.parse(JSON.stringify(initialStaticData)) as IDataObject;
	const trigger = nodeTypes['n8n-nodes-dastra.dastraTrigger'];
	return {
		/** The static data as n8n would have saved it. */
		get staticData(): IDataObject {
			return JSON.parse(JSON.stringify(saved)) as IDataObject;
		},
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[] | null> {
			const workflow = makeWorkflow({ nodes: [node], connections: {} }, JSON.parse(JSON.stringify(saved)) as IDataObject);
			const ctx = new PollContext(workflow, node, makeAdditionalData(credentials), mode, 'activate');
			if (onWarn) {
				const quiet = () => undefined;
				Object.defineProperty(ctx, 'logger', {
					value: { warn: (message: string) => onWarn(message), info: quiet, debug: quiet, error: quiet, verbose: quiet },
				});
			}
			const result = await trigger.poll!.call(ctx);
			// n8n saves static data only when the node changed it.
			if (workflow.staticData.__dataChanged) {
				const { __dataChanged: _flag, ...data } = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
				saved = data;
			}
			return result ? result[0].map((i) => i.json) : null;
		},
	};
}
