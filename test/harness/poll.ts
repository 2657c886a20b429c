/**
 * The Dastra Trigger under n8n's two ways of running polls (see README, "n8n's poll path"):
 * - 'saved' (n8n 2.4x's durable scheduler): each poll gets a fresh workflow loaded from the
 *   saved static data; a poll's changes are saved only when it emits items (or, `commitEmpty`,
 *   also when it emits nothing: durable cursors, or the default harness behaviour);
 * - 'memory' (n8n 2.8 and 2.4x's in-memory scheduler): one workflow object and one PollContext
 *   for every poll, so polls started while another runs share its static data.
 * The node can be renamed between polls (`node.name`), `budgetMs` is what n8n 2.4x's
 * `getPollBudgetMs()` answers (absent: n8n 2.8), and `staticData` can be written back as a
 * client PATCHing an old copy would.
 */
import './env';

import { PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType, Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './credentials';
import { makeWorkflow, nodeTypeRegistry } from './nodeTypes';

export interface PollHarnessOptions {
	mode?: 'saved' | 'memory';
	/** In 'saved' mode, whether a poll that emits nothing has its changes saved too (default true). */
	commitEmpty?: boolean;
	budgetMs?: number;
	/**
	 * n8n 2.4x's durable cursors ('saved' mode): the node's own static data is a row per node ID,
	 * committed after every poll (with its execution, or alone when it emits nothing), while the
	 * workflow's static data (`global`) is saved only when a poll emits.
	 */
	durableCursors?: boolean;
	onLog?: (level: string, message: string) => void;
}

export function pollHarness(
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: PollHarnessOptions = {},
) {
	const node: INode = {
		id: 'b7c1f0d2-trigger',
		name: 'Dastra Trigger',
		type: 'n8n-nodes-dastra.dastraTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { dastraApi: { id: '1', name: 'Dastra account' } },
	};
	const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
	let saved: IDataObject = {};
	const trigger = nodeTypeRegistry.getByName('n8n-nodes-dastra.dastraTrigger') as INodeType;
	let memory: { workflow: Workflow; ctx: PollContext } | undefined;
	let lastPollMs = 0;
	let cursor: IDataObject = {};
	let staged: IDataObject | undefined;

	function context(workflow: Workflow): PollContext {
		const ctx = new PollContext(workflow, node, makeAdditionalData(credentials), 'trigger', 'activate');
		const log = (level: string) => (message: string) => options.onLog?.(level, message);
		Object.defineProperty(ctx, 'logger', {
			value: {
				warn: log('warn'),
				info: log('info'),
				debug: log('debug'),
				error: log('error'),
				verbose: log('verbose'),
			},
		});
		if (options.durableCursors) {
			const workflowData = ctx.getWorkflowStaticData.bind(ctx);
			Object.defineProperty(ctx, 'getWorkflowStaticData', {
				value: (type: string) => (type === 'node' ? (staged ??= copy(cursor)) : workflowData(type)),
			});
		}
		if (options.budgetMs !== undefined)
			Object.defineProperty(ctx, 'getPollBudgetMs', {
				value: () => options.budgetMs,
			});
		return ctx;
	}
	const persist = (workflow: Workflow) => {
		if (!workflow.staticData.__dataChanged) return;
		const { __dataChanged: _flag, ...data } = copy(workflow.staticData) as IDataObject;
		saved = data;
		workflow.staticData.__dataChanged = false;
	};

	return {
		node,
		/** The static data as n8n saved it (a copy); setting it is a client writing back its copy. */
		get staticData(): IDataObject {
			return copy(saved);
		},
		set staticData(value: IDataObject) {
			saved = copy(value);
			memory = undefined;
		},
		/** How long the node's poll() took at the last poll (what n8n's budget bounds). */
		get lastPollMs() {
			return lastPollMs;
		},
		/** A restart: 'memory' mode forgets its workflow object and reloads what was saved. */
		restart() {
			memory = undefined;
		},
		/** One poll; `activation`: the first one, after which n8n saves the static data whatever it returned. */
		async poll({ activation = false } = {}): Promise<IDataObject[] | null> {
			let workflow: Workflow;
			let ctx: PollContext;
			if (options.mode === 'memory') {
				memory ??= (() => {
					const w = makeWorkflow({ nodes: [node], connections: {} }, copy(saved));
					return { workflow: w, ctx: context(w) };
				})();
				({ workflow, ctx } = memory);
			} else {
				workflow = makeWorkflow({ nodes: [node], connections: {} }, copy(saved));
				ctx = context(workflow);
			}
			const started = Date.now();
			staged = undefined;
			const result = await trigger.poll!.call(ctx);
			lastPollMs = Date.now() - started;
			if (options.durableCursors) {
				if (staged) cursor = copy(staged);
				if (activation || result !== null) persist(workflow);
				return result ? result[0].map((i) => i.json) : null;
			}
			// n8n saves static data after activation and when a poll emits; 'saved' mode with commitEmpty also when it does not.
			if (activation || result !== null || (options.mode !== 'memory' && options.commitEmpty !== false)) persist(workflow);
			return result ? result[0].map((i) => i.json) : null;
		},
	};
}
