/**
 * Issue 18's matrix: every operation against a 200 that echoes both keys (in its body and its
 * headers, as text and as secret-named fields, and inside an otherwise valid request object).
 * Neither key may appear in any output: items, binary data, the error, its stack.
 */
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

import type { IDataObject } from 'n8n-workflow';

import { DATA_PROCESSINGS } from '../../../fake-dastra/routes/processings';
import { byId, useFakeDastra } from '../../../harness/dastra';
import { secretFree as keyFree } from '../../../harness/secrets';
import type { Fault } from '../../../fake-dastra/server';

const { fake, run } = useFakeDastra();

const uuid = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const processing = DATA_PROCESSINGS[0].id;
const file = { $binary: { data: { base64: Buffer.from('hello').toString('base64'), fileName: 'a.txt', mimeType: 'text/plain' } } };
const req = { requestId: byId(1000) };

const operations: Array<[string, IDataObject, IDataObject[]?]> = [
	['dataSubjectRequest.create', { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en', simplify: false }],
	['dataSubjectRequest.get', { ...req, simplify: false }],
	['dataSubjectRequest.getAll', { returnAll: true, simplify: false }],
	['dataSubjectRequest.update', { ...req, updateFields: { city: 'Paris' }, simplify: false }],
	['dataSubjectRequest.delete', req],
	['dataSubjectRequest.archive', { ...req, simplify: false }],
	['dataSubjectRequest.restore', { ...req, simplify: false }],
	['dataSubjectRequest.changeStep', { ...req, stepId: 103, simplify: false }],
	['dataSubjectRequest.setIdentityValidation', { ...req, simplify: false }],
	['dataSubjectRequest.export', { format: 'json' }],
	['dataSubjectRequest.getStats', { simplify: false }],
	['message.create', { ...req, message: 'Hello' }],
	['message.get', { ...req, messageId: uuid }],
	['message.getAll', { ...req, returnAll: true }],
	['message.delete', { ...req, messageId: uuid }],
	['attachment.upload', req, [file]],
	['attachment.download', { ...req, fileId: uuid }],
	['attachment.delete', { ...req, fileId: uuid }],
	['requestProcessing.getAll', { ...req, simplify: false }],
	['requestProcessing.setState', { ...req, state: 'Done', processingIds: [processing], simplify: false }],
	['requestProcessing.notifyRecipients', { ...req, processingIds: [processing], simplify: false }],
	['requestProcessing.remove', { ...req, processingIds: [processing] }],
	['widgetSubmission.submit', { widgetId: 401, email: 'a@b.co', purpose: 'Access' }],
	['entity.getAll', { returnAll: true }],
	['workflowStep.getAll', { returnAll: true }],
	['tag.getAll', { returnAll: true }],
	['user.getAll', { returnAll: true }],
];

type Kind = { name: string; faults: () => Fault[] };
const kinds: Kind[] = [
	// The fake's echo: the X-API-Key and Authorization the call carried and both keys, in text,
	// in secret-named fields and in the answer's headers.
	{ name: 'echo of both keys', faults: () => [{ echoKeys: true, status: 200, times: 99 }] },
	// A request object (what Get shows with Simplify off) with the keys in ordinary fields.
	{
		name: 'keys inside a valid request',
		faults: () => [
			{
				status: 200,
				times: 99,
				body: {
					...fake.seed({ title: 'Echo' }),
					description: `sent with X-API-Key: ${fake.privateKey}`,
					message: `public ${fake.publicKey}`,
					customFields: { note: `pair ${fake.privateKey}/${fake.publicKey}` },
					privateKey: fake.privateKey,
				},
				headers: { 'x-api-key': fake.privateKey, 'x-echo-authorization': `ApiKey ${fake.publicKey}` },
			},
		],
	},
];

const secretFree = (label: string, value: unknown) => keyFree(fake, label, value);

describe('a 200 that echoes the keys: neither key in any output', () => {
	const cases = operations.flatMap(([op, params, items]) => kinds.map((kind) => [op, kind.name, params, items, kind] as const));
	it.each(cases)('%s × %s', async (op, _name, params, items, kind) => {
		const [resource, operation] = op.split('.');
		for (const continueOnFail of [false, true]) {
			fake.faults = kind.faults();
			const r = await run({ resource, operation, ...params }, { items, continueOnFail, typeVersion: 1.1 });
			expect(fake.log.length).toBeGreaterThan(0);
			secretFree(`${op} × ${kind.name}: error`, r.error);
			secretFree(`${op} × ${kind.name}: stack`, (r.error as { stack?: string } | undefined)?.stack);
			secretFree(`${op} × ${kind.name}: items`, r.items.map((i) => i.json));
			for (const item of r.items) {
				for (const [field, bin] of Object.entries(item.binary ?? {})) {
					const bytes = Buffer.from(bin.data, 'base64').toString('utf8');
					secretFree(`${op} × ${kind.name}: binary ${field}`, bytes);
					secretFree(`${op} × ${kind.name}: binary ${field} meta`, { ...bin, data: undefined });
				}
			}
		}
	});
});
