/** n8n-core's real contexts outside a workflow run: the editor's load options, a trigger's poll. */
import './env';

import { LoadOptionsContext, PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, ILoadOptionsFunctions, INode, INodeType } from 'n8n-workflow';

import { makeAdditionalData, nodeCredentials } from './credentials';
import { makeWorkflow, nodeTypeRegistry } from './nodeTypes';
import { dastraWorkflow } from './runner';

/** The context n8n gives a node's loadOptions / listSearch methods while the editor is open. */
export function loadOptionsContext(
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): ILoadOptionsFunctions {
	const workflow = dastraWorkflow(parameters);
	const node = workflow.nodes[1];
	node.credentials = nodeCredentials(credentials);
	return new LoadOptionsContext(makeWorkflow(workflow), node, makeAdditionalData(credentials), '');
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
		credentials: nodeCredentials(credentials),
	};
	let saved: IDataObject = JSON.parse(JSON.stringify(initialStaticData)) as IDataObject;
	const trigger = nodeTypeRegistry.getByName('n8n-nodes-dastra.dastraTrigger') as INodeType;
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
