import { DATA_PROCESSINGS } from '../../../../fake-dastra/routes/processings';
import { byId, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const rp = (operation: string, params: object = {}) => ({ resource: 'requestProcessing', operation, ...params });

describe('requestProcessing getAll', () => {
	it('reads the request\'s processings in one call, one simplified item each', async () => {
		const dsr = fake.seed({ purposes: ['Erasure'] }, Date.parse('2026-03-02T09:00:00Z'));
		const r = await run(rp('getAll', { requestId: byId(dsr.id) }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{ method: 'GET', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`, query: {} },
		]);
		expect(r.json).toEqual(
			DATA_PROCESSINGS.map((p) => ({
				dataSubjectRequestId: dsr.id,
				processingId: p.id,
				processing: p.label,
				state: 'New',
				processor: null,
				dateCreation: '2026-03-02T09:00:00.000Z',
				dateUpdate: null,
				dateNotification: null,
				dateNotificationSent: null,
			})),
		);
		expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('Simplify on sparse entries: the nested processing\'s ID and label, the processor by display name or email, null for what is missing', async () => {
		const dsr = fake.seed();
		const id = (k: number) => `6f1c2a10-0000-4000-8000-00000000000${k}`;
		fake.faults.push({
			status: 200,
			body: [
				{ dataProcessing: { id: id(1), label: 'CRM' }, processor: { displayName: 'Alice Martin', email: 'alice@example.org' } },
				{ dataProcessingId: id(2), label: 'Newsletter', processor: { email: 'bob@example.org' }, state: 'Done' },
				{ dataProcessing: { id: id(3), label: '' }, processor: {} },
				{},
			],
		});
		const r = await run(rp('getAll', { requestId: byId(dsr.id) }));
		expectCalls(r, [{ method: 'GET', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}` }]);
		const dates = { dateCreation: null, dateUpdate: null, dateNotification: null, dateNotificationSent: null };
		const base = { dataSubjectRequestId: null, state: null, ...dates };
		expectItems(r, [
			{ ...base, processingId: id(1), processing: 'CRM', processor: 'Alice Martin' },
			{ ...base, processingId: id(2), processing: 'Newsletter', processor: 'bob@example.org', state: 'Done' },
			{ ...base, processingId: id(3), processing: null, processor: null },
			{ ...base, processingId: '', processing: null, processor: null },
		]);
	});

	it('without Simplify returns what Dastra sends', async () => {
		const dsr = fake.seed();
		const r = await run(rp('getAll', { requestId: byId(dsr.id), simplify: false }));
		expect(r.json[0]).toEqual(expect.objectContaining({ dataProcessingId: DATA_PROCESSINGS[0].id, dataProcessing: DATA_PROCESSINGS[0] }));
	});

	it('a missing request is a 404 naming it; with continue-on-fail each item answers for itself', async () => {
		const dsr = fake.seed();
		const r = await run(rp('getAll', { requestId: byId('={{ $json.id }}') }), {
			items: [{ id: 999 }, { id: dsr.id }],
			continueOnFail: true,
		});
		expect(r.json[0]).toEqual({ error: 'Data subject request 999 was not found in workspace 7', description: expect.any(String) });
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
		expect(r.json.slice(1).map((j) => j.processingId)).toEqual(DATA_PROCESSINGS.map((p) => p.id));
		expect(r.items.slice(1).every((i) => (i.pairedItem as { item: number }).item === 1)).toBe(true);
	});
});
