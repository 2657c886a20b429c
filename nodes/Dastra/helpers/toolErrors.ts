import type { INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { InputError } from './validate';

/**
 * Whether the node runs as an AI agent's tool. n8n builds a second node type from every
 * `usableAsTool` node, named like it plus `Tool` (`n8n-nodes-dastra.dastraTool`), and the agent
 * runs that type: through the engine (n8n 2.x, Agent 3+) or inside the agent (older agents).
 */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

/** Statuses of a refused call that the sender cannot fix by changing what it sent. */
const NOT_THE_CALLERS = new Set(['401', '403', '407', '429']);

/**
 * Whether the agent's model can fix what went wrong by calling again with other arguments:
 * input refused before any call (an invalid e-mail, an unknown purpose, a tag that does not
 * exist) or a call Dastra refused for what it carried (400, 404 not found, 409, 422). Not:
 * the credential or its rights (401, 403), the rate limit (429), Dastra failing (5xx), the
 * network, a timeout, a wrong Base URL, the node's own configuration. Those must stop the run,
 * where a person sees them, instead of reaching a model that would only try again.
 */
export function modelCanFix(caught: unknown): boolean {
	if (caught instanceof InputError) return true;
	if (!(caught instanceof NodeApiError)) return false;
	const code = String(caught.httpCode ?? '');
	return /^4\d\d$/.test(code) && !NOT_THE_CALLERS.has(code);
}

/**
 * An error as an output item: what continue-on-fail emits, and the tool's answer for an error
 * its model can fix (the model reads what is wrong, which field, and under `description` how to
 * fix it: the words a person sees).
 */
export function errorItem(error: { message: string; description?: string | null }, itemIndex: number): INodeExecutionData {
	return {
		json: { error: error.message, ...(error.description ? { description: error.description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * The tool's answer when an operation returned nothing (`what`: the resource as the picker names
 * it): a model reads it, where an empty answer says nothing.
 */
export function nothingFound(what: string): INodeExecutionData {
	return { json: { found: 0, message: `Nothing found: Dastra has no ${what.toLowerCase()} matching this call.` } };
}
