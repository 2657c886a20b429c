/**
 * Redaction on shapes the fake cannot make Dastra send (index.test.ts checks, through the node,
 * that neither key leaves in an item or error when Dastra echoes them).
 */
import { NodeApiError, type INode } from 'n8n-workflow';

import { redactDeep, scrubError, secretList } from '../../../../nodes/Dastra/transport/redact';

const KEY = 'sk_live_0123456789';
const node: INode = { id: '1', name: 'Dastra', type: 'n8n-nodes-dastra.dastra', typeVersion: 1, position: [0, 0], parameters: {} };

describe('redact', () => {
	it('secretList keeps the keys that are set, trimmed, and drops the rest', () => {
		expect(secretList(` ${KEY} `, undefined, null, '', '  ', 42)).toEqual([KEY]);
	});

	it('redactDeep: Buffers are read as text, cycles cut, secret-named keys blanked only when they hold something', () => {
		const answer: Record<string, unknown> = {
			raw: Buffer.from(`X-API-Key: ${KEY}`),
			apiKey: KEY,
			token: null,
			publicKey: '',
			privateKey: undefined,
			list: [`key ${KEY}`, 3],
		};
		answer.self = answer;
		expect(redactDeep(answer, [KEY])).toEqual({
			raw: 'X-API-Key: [redacted]',
			apiKey: '[redacted]',
			token: null,
			publicKey: '',
			privateKey: undefined,
			list: ['key [redacted]', 3],
			self: '[circular]',
		});
	});

	it('scrubError replaces an Error held by the error (its cause) with its redacted message and code', () => {
		const error = new NodeApiError(node, { message: 'failed' }, { message: 'failed' });
		const cause = Object.assign(new Error(`connect refused, key ${KEY}`), { code: 'ECONNREFUSED' });
		(error as unknown as { cause: unknown }).cause = cause;
		scrubError(error, [KEY]);
		expect((error as unknown as { cause: unknown }).cause).toEqual({ message: 'connect refused, key [redacted]', code: 'ECONNREFUSED' });
		expect(error.node).toBe(node);
	});
});
