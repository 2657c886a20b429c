import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from './validate';

/**
 * Any error as one n8n shows: the node's own errors pass through, an InputError keeps its
 * description (how to fix it), anything else is wrapped. Field converters and the transport throw
 * without knowing the item: `itemIndex`, when given, is attached here, once.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof InputError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.description });
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
