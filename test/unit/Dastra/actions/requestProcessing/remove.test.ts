import { DATA_PROCESSINGS } from '../../../../fake-dastra/routes/processings';
import { byId, summary, useFakeDastra } from '../../../../harness/dastra';
import { expectCalls, expectItems } from '../../../../harness/expect';

const { fake, run } = useFakeDastra();

const rp = (operation: string, params: object = {}) => ({ resource: 'requestProcessing', operation, ...params });
const [crm, newsletter, support] = DATA_PROCESSINGS.map((p) => p.id);

describe('requestProcessing remove', () => {
	it('sends DELETE /{requestId} with {ids, description} and returns {deleted: true} with the IDs', async () => {
		const dsr = fake.seed();
		const r = await run(rp('remove', { requestId: byId(dsr.id), processingIds: [support], description: 'No ticket from this person' }));
		expect(r.error).toBeUndefined();
		expect(summary(r.calls)).toEqual([
			{ method: 'DELETE', path: `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`, query: {} },
		]);
		expect(r.calls[0].body).toEqual({ ids: [support], description: 'No ticket from this person' });
		expect(r.json).toEqual([{ deleted: true, dataSubjectRequestId: dsr.id, processingIds: [support] }]);
		expect(fake.processings.get(dsr.id)!.map((e) => e.dataProcessingId)).toEqual([crm, newsletter]);
	});

	it('without IDs removes every processing of the request (listed first), and sends no description when none is given', async () => {
		const dsr = fake.seed();
		const r = await run(rp('remove', { requestId: byId(dsr.id), description: '  ' }));
		const path = `/v1/ws/7/DataSubjectRequestProcessings/${dsr.id}`;
		expectCalls(r, [
			{ method: 'GET', path },
			{ method: 'DELETE', path, body: { ids: [crm, newsletter, support] } },
		]);
		expectItems(r, [{ deleted: true, dataSubjectRequestId: dsr.id, processingIds: [crm, newsletter, support] }]);
		expect(fake.processings.get(dsr.id)).toEqual([]);
	});

	it('refuses a processing ID that is not a UUID, before any call', async () => {
		const r = await run(rp('remove', { requestId: byId(1000), processingIds: ['not-a-uuid'] }));
		expect(r.calls).toEqual([]);
		expect(r.error?.message).toBe('Processing ID "not-a-uuid" is not a valid ID');
	});
});
