/**
 * Issue 9's matrix: every operation (and a trigger poll) times every error kind; neither key
 * may appear in the thrown error, the continue-on-fail item or the output. Sleeps between
 * retries are skipped here (n8n-workflow's sleep resolves at once) and the timeout kind uses a
 * 10 ms timeout against a fake that never answers (same error path as 60 s) so the matrix stays fast;
 * the retry counts and bounds themselves are tested in index.test.ts and wire.test.ts.
 */
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

import type { IDataObject } from 'n8n-workflow';

import { byId, useFakeDastra } from '../../../harness/dastra';
import { secretFree as keyFree } from '../../../harness/secrets';
import { triggerHarness } from '../../../harness/n8n';
import { FakeDastra, type Fault } from '../../../fake-dastra/server';

const { fake, run } = useFakeDastra();
const other = new FakeDastra();
beforeAll(() => other.start());
afterAll(() => other.stop());

const uuid = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const file = { $binary: { data: { base64: Buffer.from('hello').toString('base64'), fileName: 'a.txt', mimeType: 'text/plain' } } };
const req = { requestId: byId(1000) };

const operations: Array<[string, IDataObject, IDataObject[]?]> = [
	['dataSubjectRequest.create', { title: 'T', entityId: 11, purposes: ['Access'], locale: 'en' }],
	['dataSubjectRequest.get', req],
	['dataSubjectRequest.getAll', { returnAll: true }],
	['dataSubjectRequest.update', { ...req, updateFields: { city: 'Paris' } }],
	['dataSubjectRequest.delete', req],
	['dataSubjectRequest.archive', req],
	['dataSubjectRequest.restore', req],
	['dataSubjectRequest.changeStep', { ...req, stepId: 103 }],
	['message.create', { ...req, message: 'Hello' }],
	['message.get', { ...req, messageId: uuid }],
	['message.getAll', { ...req, returnAll: true }],
	['message.delete', { ...req, messageId: uuid }],
	['attachment.upload', req, [file]],
	['attachment.download', { ...req, fileId: uuid }],
	['attachment.delete', { ...req, fileId: uuid }],
	['widgetSubmission.submit', { widgetId: 401, email: 'a@b.co', purpose: 'Access' }],
	['entity.getAll', { returnAll: true }],
	['workflowStep.getAll', { returnAll: true }],
	['tag.getAll', { returnAll: true }],
	['user.getAll', { returnAll: true }],
];

type Kind = { name: string; faults?: () => Fault[]; credentials?: () => IDataObject; slow?: true };
const status = (s: number, extra: Partial<Fault> = {}): Kind => ({
	name: String(s),
	faults: () => [{ status: s, times: 99, body: { message: `Injected ${s}` }, ...extra }],
});
const kinds: Kind[] = [
	status(400),
	status(401),
	status(403),
	status(404),
	status(409),
	status(429, { headers: { 'retry-after': '0' } }),
	status(500),
	status(503),
	{ name: 'HTML 200', faults: () => [{ status: 200, times: 99, body: '<!DOCTYPE html><html>', headers: { 'content-type': 'text/html' } }] },
	{ name: 'refused', credentials: () => ({ baseUrl: 'http://127.0.0.1:1' }) },
	{ name: 'timeout', faults: () => [{ hang: true, times: 99 }], slow: true },
	{ name: 'redirect', faults: () => [{ redirectTo: `${other.baseUrl}/x`, status: 307, times: 99 }] },
	{ name: 'echo of both keys', faults: () => [{ echoKeys: true, status: 400, times: 99 }] },
	{ name: 'echo of both keys (500)', faults: () => [{ echoKeys: true, status: 500, times: 99 }] },
];

const secretFree = (label: string, value: unknown) => keyFree(fake, label, value);

describe('no key in any error, continue-on-fail item or output', () => {
	const cases = operations.flatMap(([op, params, items]) => kinds.map((kind) => [op, kind.name, params, items, kind] as const));
	it.each(cases)('%s × %s', async (op, _name, params, items, kind) => {
		const [resource, operation] = op.split('.');
		const parameters = { resource, operation, ...params, ...(kind.slow ? { requestOptions: { timeout: 10 } } : {}) };
		for (const continueOnFail of [false, true]) {
			fake.faults = kind.faults?.() ?? [];
			const r = await run(parameters, { items, continueOnFail, credentials: kind.credentials?.() });
			// Every kind is a failure (but a download's HTML is a file: downloads skip the JSON check).
			if (op === 'attachment.download' && kind.name === 'HTML 200') expect(r.error).toBeUndefined();
			else if (continueOnFail) expect(r.json[0]?.error).toBeDefined();
			else expect(r.error).toBeDefined();
			secretFree(`${op} × ${kind.name}: error`, r.error);
			secretFree(`${op} × ${kind.name}: stack`, (r.error as { stack?: string } | undefined)?.stack);
			secretFree(`${op} × ${kind.name}: items`, r.items);
		}
	});

	it.each(kinds.filter((k) => !k.slow).map((k) => [k.name, k] as const))('a trigger poll × %s', async (_name, kind) => {
		fake.faults = kind.faults?.() ?? [];
		const trigger = triggerHarness({ events: ['requestCreated', 'requestUpdated'] }, { dastraApi: fake.credentials(kind.credentials?.() ?? {}) as never });
		const error = await trigger.poll().then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeDefined();
		secretFree(`trigger × ${kind.name}: error`, error);
		secretFree(`trigger × ${kind.name}: message`, (error as Error).message);
		secretFree(`trigger × ${kind.name}: description`, (error as { description?: string }).description);
		secretFree(`trigger × ${kind.name}: stack`, (error as Error).stack);
		secretFree(`trigger × ${kind.name}: static data`, trigger.staticData);
	});
});
