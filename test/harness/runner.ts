/** Runs workflow JSON through n8n-core's real WorkflowExecute, as a manual execution. */
import './env';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	ITaskData,
} from 'n8n-workflow';
import { NodeConnectionTypes, createDeferredPromise } from 'n8n-workflow';

import { makeAdditionalData } from './credentials';
import { makeWorkflow, type WorkflowJson } from './nodeTypes';

export interface RunResult {
	run: IRun;
	/** Items a node emitted on its first output, in its first run. */
	output(nodeName: string): INodeExecutionData[];
	/** The node's error, if it failed. */
	error(nodeName: string): ITaskData['error'];
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

/**
 * A two-node workflow: Items (the input items) -> Dastra (the parameters under test). `type`
 * `n8n-nodes-dastra.dastraTool` runs the node as n8n runs it for an AI agent.
 */
export function dastraWorkflow(
	parameters: IDataObject,
	{
		items = [{}],
		continueOnFail = false,
		type = 'n8n-nodes-dastra.dastra',
		timezone,
		typeVersion = 1,
	}: { items?: IDataObject[]; continueOnFail?: boolean; type?: string; timezone?: string; typeVersion?: number } = {},
): WorkflowJson {
	return {
		...(timezone ? { settings: { timezone } } : {}),
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
				type,
				// Saved workflows are version 1; the scope tests run the current version.
				typeVersion,
				position: [200, 0],
				parameters: parameters as INode['parameters'],
				credentials: { dastraApi: { id: '1', name: 'Dastra account' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Items: { main: [[{ node: 'Dastra', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
}

