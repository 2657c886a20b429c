/** The Dastra node inside a real n8n: `n8n import:credentials`, `n8n import:workflow`, `n8n execute`. */
import { FakeDastra } from '../fake-dastra/server';
import { chain, dastraNode, manualTrigger, output, setupN8n, type N8n } from './harness';

const fake = new FakeDastra();
let n8n: N8n;

beforeAll(async () => {
	await fake.start();
	n8n = await setupN8n();
	await n8n.importCredential({ id: 'dastraE2eCred01', name: 'Dastra e2e', type: 'dastraApi', data: fake.credentials() });
});
afterAll(async () => {
	n8n?.cleanup();
	await fake.stop();
});
beforeEach(() => fake.reset());

const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

test('create, as a community package node', async () => {
	const run = await n8n.execute(
		chain('e2eCreate00001', [
			manualTrigger,
			dastraNode('Create', { resource: 'dataSubjectRequest', operation: 'create', title: 'E2E erasure', entityId: 12, purposes: ['Erasure'], locale: 'fr', additionalFields: { email: 'e2e@example.org', refId: 'E2E-1' } }, [200, 0]),
		]),
	);
	expect(output(run, 'Create').map((i) => i.json)).toEqual([expect.objectContaining({ title: 'E2E erasure', refId: 'E2E-1', entity: 'Moulinsart France SAS', state: 'Open' })]);
	// Dastra answers a create with the light object: the node reads the request back for its labels.
	const id = output(run, 'Create')[0].json.id;
	expect(fake.log.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/ws/7/DataSubjectRequests', `GET /v1/ws/7/DataSubjectRequests/${String(id)}`]);
});

test('get many with return all walks 500-item pages', async () => {
	for (let k = 0; k < 1100; k++) fake.seed({ title: `Bulk ${k}` });
	const run = await n8n.execute(chain('e2eGetMany0001', [manualTrigger, dastraNode('List', { resource: 'dataSubjectRequest', operation: 'getAll', returnAll: true }, [200, 0])]));
	expect(output(run, 'List')).toHaveLength(fake.dsrs.size);
	// Page 1 first; pages 2 and 3 go out together (transport/pager.ts), in either order.
	expect(fake.log[0].query.page).toBe('1');
	expect(fake.log.map((c) => c.query.page).sort()).toEqual(['1', '2', '3']);
});

test('partial update keeps every other field', async () => {
	const dsr = fake.seed({ title: 'Keep me', email: 'keep@example.org', refId: 'KEEP-1', customFields: { '13_long': 'a', '14_text': 'b' } });
	const run = await n8n.execute(
		chain('e2eUpdate00001', [
			manualTrigger,
			dastraNode('Update', { resource: 'dataSubjectRequest', operation: 'update', requestId: rl(dsr.id), updateFields: { city: 'Lyon', customFields: '{"13_long": "changed"}' }, simplify: false }, [200, 0]),
		]),
	);
	expect(output(run, 'Update')[0].json).toMatchObject({ city: 'Lyon', title: 'Keep me', email: 'keep@example.org', refId: 'KEEP-1', customFields: { '13_long': 'changed', '14_text': 'b' } });
	expect(fake.log.map((c) => c.method)).toEqual(['PATCH']);
});

test('Request Processing: node version 1.1 refuses an expression giving no ID; a saved version-1 node keeps "none = all"', async () => {
	const dsr = fake.seed();
	const params = { resource: 'requestProcessing', operation: 'setState', requestId: rl(dsr.id), state: 'Done', processingIds: '={{ $json.missing }}' };
	const run = await n8n.execute(
		chain('e2eScope000001', [manualTrigger, dastraNode('New', params, [200, 0], { typeVersion: 1.1, onError: 'continueRegularOutput' })]),
	);
	expect(output(run, 'New').map((i) => i.json)).toEqual([
		{ error: 'Processing Names or IDs is empty', description: expect.stringContaining('All Processings of the Request') },
	]);
	expect(fake.log).toEqual([]);
	const old = await n8n.execute(chain('e2eScope000002', [manualTrigger, dastraNode('Old', params, [200, 0])]));
	expect(output(old, 'Old').map((i) => i.json.state)).toEqual(['Done', 'Done', 'Done']);
});

test('change step', async () => {
	const dsr = fake.seed();
	const run = await n8n.execute(chain('e2eStep0000001', [manualTrigger, dastraNode('Step', { resource: 'dataSubjectRequest', operation: 'changeStep', requestId: rl(dsr.id), stepId: 104 }, [200, 0])]));
	expect(output(run, 'Step')[0].json).toMatchObject({ id: dsr.id, stepId: 104, state: 'Active' });
	expect(fake.log[0].body).toEqual({ id: dsr.id, stepId: 104 });
});

test('widget submit with the public key', async () => {
	const run = await n8n.execute(
		chain('e2eWidget00001', [
			manualTrigger,
			dastraNode('Submit', { resource: 'widgetSubmission', operation: 'submit', widgetId: 401, email: 'widget@example.org', purpose: 'Access', additionalFields: { message: 'Hello' } }, [200, 0]),
		]),
	);
	expect(output(run, 'Submit')[0].json).toEqual({ id: expect.any(Number), state: 'Open' });
	expect(fake.log[0].headers.authorization).toBe(`ApiKey ${fake.publicKey}`);
});

test('a 404 with continue-on-fail becomes an error item, and the run goes on', async () => {
	const run = await n8n.execute(
		chain('e2eNotFound001', [
			manualTrigger,
			dastraNode('Get', { resource: 'dataSubjectRequest', operation: 'get', requestId: rl(424242) }, [200, 0], { onError: 'continueRegularOutput' }),
		]),
	);
	expect(output(run, 'Get').map((i) => i.json)).toEqual([
		{ error: 'Data subject request 424242 was not found in workspace 7', description: expect.stringContaining('Check the ID') },
	]);
});

test('upload then download: the same bytes, name and type', async () => {
	const dsr = fake.seed();
	const text = 'Erasure certificate: all data removed.';
	const run = await n8n.execute(
		chain('e2eFiles000001', [
			manualTrigger,
			{
				id: 'set',
				name: 'Certificate',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { assignments: { assignments: [{ id: 'c', name: 'certificate', value: text, type: 'string' }] }, options: {} },
			},
			{
				id: 'file',
				name: 'As File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [400, 0],
				parameters: { operation: 'toText', sourceProperty: 'certificate', options: { fileName: 'certificate.txt' } },
			},
			dastraNode('Upload', { resource: 'attachment', operation: 'upload', requestId: rl(dsr.id), binaryPropertyName: 'data' }, [600, 0]),
			dastraNode('Download', { resource: 'attachment', operation: 'download', requestId: rl(dsr.id), fileId: '={{ $json.id }}', binaryPropertyName: 'file' }, [800, 0]),
		]),
	);
	const uploaded = output(run, 'Upload')[0].json;
	expect(uploaded).toMatchObject({ fileName: 'certificate.txt', size: Buffer.byteLength(text) });
	expect(fake.attachments.get(uploaded.id as string)?.bytes.toString('utf8')).toBe(text);
	const downloaded = output(run, 'Download')[0];
	expect(downloaded.json).toEqual({ dataSubjectRequestId: dsr.id, fileId: uploaded.id, fileName: 'certificate.txt', mimeType: 'text/plain', size: Buffer.byteLength(text) });
	expect(downloaded.binary?.file).toMatchObject({ fileName: 'certificate.txt', mimeType: 'text/plain' });
});
