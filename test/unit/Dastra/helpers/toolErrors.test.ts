import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { modelCanFix, runsAsTool } from '../../../../nodes/Dastra/helpers/toolErrors';
import { InputError } from '../../../../nodes/Dastra/helpers/validate';

const node = (type: string): INode => ({ id: '1', name: 'Dastra', type, typeVersion: 1, position: [0, 0], parameters: {} });
const refused = (httpCode?: string) =>
	new NodeApiError(node('n8n-nodes-dastra.dastra'), { message: 'x' }, { message: 'x', ...(httpCode ? { httpCode } : {}) });

describe('toolErrors: which errors an agent\'s model gets as the tool\'s answer', () => {
	it('knows the node runs as a tool by n8n\'s generated type name', () => {
		expect(runsAsTool(node('n8n-nodes-dastra.dastraTool'))).toBe(true);
		expect(runsAsTool(node('n8n-nodes-dastra.dastra'))).toBe(false);
		expect(runsAsTool(node('n8n-nodes-dastra.dastraTrigger'))).toBe(false);
	});

	it.each([
		['bad input, refused before any call', new InputError('Email "x" is not a valid email address', 'Give an address such as name@example.com.'), true],
		['400', refused('400'), true],
		['404', refused('404'), true],
		['409', refused('409'), true],
		['422', refused('422'), true],
		['401: the credential', refused('401'), false],
		['403: the key\'s rights', refused('403'), false],
		['407: a proxy', refused('407'), false],
		['429: the rate limit', refused('429'), false],
		['500', refused('500'), false],
		['503', refused('503'), false],
		['no answer (network, timeout)', refused(), false],
		['a success that is not JSON (a wrong Base URL)', refused('200'), false],
		['the node\'s configuration', new NodeOperationError(node('n8n-nodes-dastra.dastraTool'), 'The Dastra credential has no workspace ID'), false],
		['anything else', new Error('boom'), false],
	])('%s -> %s', (_label, error, expected) => {
		expect(modelCanFix(error)).toBe(expected);
	});
});
