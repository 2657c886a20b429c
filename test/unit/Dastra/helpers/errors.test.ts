import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../../../nodes/Dastra/helpers/errors';
import { InputError } from '../../../../nodes/Dastra/helpers/validate';

const node: INode = { id: '1', name: 'Dastra', type: 'n8n-nodes-dastra.dastra', typeVersion: 1, position: [0, 0], parameters: {} };

describe('toNodeError: one conversion for the router, both triggers', () => {
	it('keeps an InputError\'s message and description, with the item index when given', () => {
		const error = toNodeError(node, new InputError('Limit 0 is not a positive whole number', 'Set Limit to 1 or more.'), 3);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect([error.message, error.description, error.context.itemIndex]).toEqual([
			'Limit 0 is not a positive whole number',
			'Set Limit to 1 or more.',
			3,
		]);
		expect(toNodeError(node, new InputError('No event', 'Choose one.')).context.itemIndex).toBeUndefined();
	});

	it("passes the node's own errors through, adding the item index only where none is set", () => {
		const api = new NodeApiError(node, { message: 'Not found' }, { message: 'Not found', httpCode: '404' });
		expect(toNodeError(node, api, 2)).toBe(api);
		expect(api.context.itemIndex).toBe(2);
		const op = new NodeOperationError(node, 'Bad', { itemIndex: 0 });
		expect(toNodeError(node, op, 5).context.itemIndex).toBe(0);
	});

	it('wraps anything else', () => {
		const error = toNodeError(node, new Error('socket hang up'), 1);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect([error.message, error.context.itemIndex]).toEqual(['socket hang up', 1]);
	});
});
